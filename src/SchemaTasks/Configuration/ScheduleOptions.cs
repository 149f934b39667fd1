namespace SchemaTasks;

/// <summary>The resolved schedule of a <see cref="ScheduledTaskAttribute"/> task.</summary>
/// <param name="Cron">The 5-field cron expression.</param>
/// <param name="TimeZone">The IANA time zone id the expression is read in.</param>
/// <param name="SkipIfActive">Whether an occurrence is skipped while the previous run is still active.</param>
public sealed record ScheduleOptions(string Cron, string TimeZone = "UTC", bool SkipIfActive = false);
