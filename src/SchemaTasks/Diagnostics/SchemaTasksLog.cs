using Microsoft.Extensions.Logging;

namespace SchemaTasks.Diagnostics;

/// <summary>
/// Every log event of the runtime, as source-generated <see cref="LoggerMessageAttribute"/> methods, split by
/// layer over partial files (SchemaTasksLog.*.cs). Event ids 1000-2999 belong to the runtime (3000-3999 to
/// scheduling); they are stable and documented in docs/configuration.md. Payloads are never passed here unless
/// <see cref="SchemaTasksOptions.LogPayloads"/> is set.
/// </summary>
internal static partial class SchemaTasksLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "SchemaTasks taskers run {Mode} ({Source})")]
    public static partial void ModeResolved(ILogger logger, TaskRunMode mode, string source);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "The run of task '{TaskId}' could not be enqueued; running it inline with the sync tasker instead")]
    public static partial void EnqueueFailedFallingBackToSync(ILogger logger, string taskId, Exception exception);
}
