namespace SchemaTasks;

/// <summary>The payload of a scheduled task's run: which occurrence of the schedule it is.</summary>
/// <param name="ScheduleId">The schedule id (the task id).</param>
/// <param name="Timestamp">The nominal time of this occurrence, as the cron expression gives it.</param>
/// <param name="LastTimestamp">The nominal time of the previous occurrence that ran, if any.</param>
/// <param name="TimeZone">The IANA time zone of the schedule.</param>
/// <param name="Upcoming">The next five occurrences after this one.</param>
public sealed record ScheduledRun(
    string ScheduleId,
    DateTimeOffset Timestamp,
    DateTimeOffset? LastTimestamp,
    string TimeZone,
    IReadOnlyList<DateTimeOffset> Upcoming);
