using Microsoft.Extensions.Logging;

namespace SchemaTasks.Diagnostics;

/// <summary>Log events of triggering and of the sync runner (1100-1199).</summary>
internal static partial class SchemaTasksLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug,
        Message = "Run '{RunId}' of task '{TaskId}' triggered ({Mode}) on queue '{Queue}'")]
    public static partial void RunTriggered(ILogger logger, string runId, string taskId, TaskRunMode mode, string queue);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Task '{TaskId}' was triggered again with idempotency key '{IdempotencyKey}'; returning the earlier run '{RunId}'")]
    public static partial void RunDeduplicated(ILogger logger, string taskId, string idempotencyKey, string runId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug,
        Message = "The payload of task '{TaskId}' is invalid; nothing was enqueued: {Errors}")]
    public static partial void TriggerPayloadInvalid(ILogger logger, string taskId, string errors);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug,
        Message = "Payload of run '{RunId}' of task '{TaskId}': {Payload}")]
    public static partial void RunPayload(ILogger logger, string runId, string taskId, string payload);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning,
        Message = "Task '{TaskId}' runs inline (sync mode), which cannot honour the trigger option {Option}: {Consequence}. Logged once per task and option")]
    public static partial void SyncOptionNotHonoured(ILogger logger, string taskId, string option, string consequence);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information,
        Message = "Attempt {Attempt} of run '{RunId}' of task '{TaskId}' failed; the sync runner retries it at once (retry delays are not awaited inline)")]
    public static partial void SyncRetryingImmediately(ILogger logger, int attempt, string runId, string taskId);
}
