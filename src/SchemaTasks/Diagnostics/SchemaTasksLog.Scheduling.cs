using Microsoft.Extensions.Logging;

namespace SchemaTasks.Diagnostics;

// Scheduler events: ids 3000-3999.
internal static partial class SchemaTasksLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Schedule '{ScheduleId}' started: '{Cron}' in {TimeZone}, next occurrence {NextOccurrence}")]
    public static partial void ScheduleStarted(ILogger logger, string scheduleId, string cron, string timeZone, DateTimeOffset? nextOccurrence);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Occurrence {Timestamp} of schedule '{ScheduleId}' triggered as run '{RunId}'")]
    public static partial void OccurrenceTriggered(ILogger logger, string scheduleId, DateTimeOffset timestamp, string runId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "Occurrence {Timestamp} of schedule '{ScheduleId}' is running inline in the background (sync mode)")]
    public static partial void OccurrenceRunningInline(ILogger logger, string scheduleId, DateTimeOffset timestamp);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information,
        Message = "Occurrence {Timestamp} of schedule '{ScheduleId}' skipped: the previous run ({PreviousRunId}) is still active and the schedule has SkipIfActive")]
    public static partial void OccurrenceSkippedWhileActive(ILogger logger, string scheduleId, DateTimeOffset timestamp, string previousRunId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Schedule '{ScheduleId}' missed its occurrences since {FirstMissed}; catching up once with the most recent, {Timestamp}")]
    public static partial void CatchingUp(ILogger logger, string scheduleId, DateTimeOffset firstMissed, DateTimeOffset timestamp);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error,
        Message = "Occurrence {Timestamp} of schedule '{ScheduleId}' could not be dispatched; the schedule goes on with its next occurrence")]
    public static partial void DispatchFailed(ILogger logger, string scheduleId, DateTimeOffset timestamp, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error,
        Message = "The inline run of occurrence {Timestamp} of schedule '{ScheduleId}' failed")]
    public static partial void InlineRunFailed(ILogger logger, string scheduleId, DateTimeOffset timestamp, Exception exception);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning,
        Message = "Schedule '{ScheduleId}' ('{Cron}') has no further occurrence; it stops")]
    public static partial void ScheduleEnded(ILogger logger, string scheduleId, string cron);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning,
        Message = "The state of schedule '{ScheduleId}' could not be read or written; it goes on without it (a restart may then miss or repeat a catch-up)")]
    public static partial void ScheduleStateFailed(ILogger logger, string scheduleId, Exception exception);
}
