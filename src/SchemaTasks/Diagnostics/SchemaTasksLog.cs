using Microsoft.Extensions.Logging;

namespace SchemaTasks.Diagnostics;

/// <summary>
/// Every log event of the runtime, as source-generated <see cref="LoggerMessageAttribute"/> methods. Event ids
/// are stable and documented in docs/configuration.md. Payloads are never passed here unless the user opts in.
/// </summary>
internal static partial class SchemaTasksLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "The run of task '{TaskId}' could not be enqueued; running it inline with the sync tasker instead")]
    public static partial void EnqueueFailedFallingBackToSync(ILogger logger, string taskId, Exception exception);
}
