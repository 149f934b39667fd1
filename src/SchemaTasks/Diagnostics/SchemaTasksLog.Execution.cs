using Microsoft.Extensions.Logging;

namespace SchemaTasks.Diagnostics;

/// <summary>Log events of the executor: attempts and how runs end (1200-1299).</summary>
internal static partial class SchemaTasksLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug,
        Message = "Attempt {Attempt} of run '{RunId}' of task '{TaskId}' started on {Machine}")]
    public static partial void AttemptStarted(ILogger logger, int attempt, string runId, string taskId, string machine);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug,
        Message = "Run '{RunId}' of task '{TaskId}' completed after {Attempts} attempt(s)")]
    public static partial void RunCompleted(ILogger logger, string runId, string taskId, int attempts);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning,
        Message = "Attempt {Attempt} of run '{RunId}' of task '{TaskId}' failed; retrying in {Delay} on {Machine}")]
    public static partial void AttemptFailedRetrying(ILogger logger, int attempt, string runId, string taskId, TimeSpan delay, string machine, Exception exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error,
        Message = "Run '{RunId}' of task '{TaskId}' failed after {Attempts} attempt(s): {Error}")]
    public static partial void RunFailed(ILogger logger, string runId, string taskId, int attempts, string error, Exception? exception);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning,
        Message = "Run '{RunId}' of task '{TaskId}' was aborted by the task at attempt {Attempt}: {Reason}")]
    public static partial void RunAborted(ILogger logger, string runId, string taskId, int attempt, string reason);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning,
        Message = "Attempt {Attempt} of run '{RunId}' of task '{TaskId}' ran out of memory on {Machine}; retrying in {Delay} on {RetryMachine}")]
    public static partial void AttemptOutOfMemoryRetrying(ILogger logger, int attempt, string runId, string taskId, string machine, TimeSpan delay, string retryMachine);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Error,
        Message = "Run '{RunId}' of task '{TaskId}' cannot run: {Error}")]
    public static partial void RunUnrunnable(ILogger logger, string runId, string taskId, string error);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning,
        Message = "Run '{RunId}' of task '{TaskId}' was canceled at attempt {Attempt}: {Reason}")]
    public static partial void RunCanceled(ILogger logger, string runId, string taskId, int attempt, string reason);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning,
        Message = "Run '{RunId}' of task '{TaskId}' expired: it did not start before {ExpiresAt}")]
    public static partial void RunExpired(ILogger logger, string runId, string taskId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Error,
        Message = "The payload of run '{RunId}' of task '{TaskId}' is invalid at attempt {Attempt}; the run fails without retry: {Errors}")]
    public static partial void RunPayloadInvalid(ILogger logger, string runId, string taskId, int attempt, string errors);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning,
        Message = "Attempt {Attempt} of run '{RunId}' of task '{TaskId}' was interrupted ({Reason}); the run is queued again")]
    public static partial void AttemptInterruptedRequeued(ILogger logger, int attempt, string runId, string taskId, string reason);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning,
        Message = "The DI scope of attempt {Attempt} of run '{RunId}' of task '{TaskId}' failed to dispose; the attempt keeps its outcome")]
    public static partial void AttemptScopeDisposeFailed(ILogger logger, int attempt, string runId, string taskId, Exception exception);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning,
        Message = "Run '{RunId}' of task '{TaskId}' timed out at attempt {Attempt}: it ran longer than its max duration of {MaxDuration}; its token is cancelled and it is not retried")]
    public static partial void RunTimedOut(ILogger logger, string runId, string taskId, int attempt, TimeSpan maxDuration);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning,
        Message = "Task '{TaskId}' ignored the cancellation of run '{RunId}' at its max duration of {MaxDuration} and returned only after {Elapsed}; the run's queue slot was held until then")]
    public static partial void TaskIgnoredTimeout(ILogger logger, string taskId, string runId, TimeSpan maxDuration, TimeSpan elapsed);

    [LoggerMessage(EventId = 1214, Level = LogLevel.Error,
        Message = "Run '{RunId}' of task '{TaskId}' passed its max duration, but the timeout could not be recorded")]
    public static partial void RunTimeOutFailed(ILogger logger, string runId, string taskId, Exception exception);

    [LoggerMessage(EventId = 1215, Level = LogLevel.Information,
        Message = "Run '{RunId}' of task '{TaskId}' was canceled while {Status}: {Reason}")]
    public static partial void RunCanceledByUser(ILogger logger, string runId, string taskId, TaskRunStatus status, string reason);

    [LoggerMessage(EventId = 1216, Level = LogLevel.Information,
        Message = "Run '{RunId}' of task '{TaskId}' was replayed as run '{NewRunId}'")]
    public static partial void RunReplayed(ILogger logger, string runId, string taskId, string newRunId);

    [LoggerMessage(EventId = 1217, Level = LogLevel.Information,
        Message = "Run '{RunId}' of task '{TaskId}' was rescheduled to {DelayUntil}")]
    public static partial void RunRescheduled(ILogger logger, string runId, string taskId, DateTimeOffset delayUntil);
}
