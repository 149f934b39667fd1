using Microsoft.Extensions.Logging;

namespace SchemaTasks.Diagnostics;

/// <summary>Log events of the in-process backend (1300-1399).</summary>
internal static partial class SchemaTasksLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug,
        Message = "Run '{RunId}' of task '{TaskId}' is delayed until {DelayUntil}")]
    public static partial void RunDelayed(ILogger logger, string runId, string taskId, DateTimeOffset delayUntil);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "The in-process backend is stopping: it takes no new run and gives {InFlight} attempt(s) in flight the host's shutdown timeout")]
    public static partial void BackendStopping(ILogger logger, int inFlight);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "The host's shutdown timeout passed with {InFlight} attempt(s) still running; cancelling them")]
    public static partial void BackendShutdownTimedOut(ILogger logger, int inFlight);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning,
        Message = "The in-process backend stopped; {Count} run(s) that had not finished were recorded Canceled")]
    public static partial void BackendCanceledPendingRuns(ILogger logger, int count);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Error,
        Message = "The in-process backend failed while handling run '{RunId}'; the run is recorded Failed and the worker goes on")]
    public static partial void BackendRunCrashed(ILogger logger, string runId, Exception exception);
}
