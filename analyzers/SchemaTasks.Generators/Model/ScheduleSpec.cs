namespace SchemaTasks.Generators.Model;

/// <summary>The schedule of a <c>[ScheduledTask]</c>.</summary>
/// <param name="Cron">The cron expression, as written.</param>
/// <param name="TimeZone">The IANA time zone.</param>
/// <param name="SkipIfActive">Whether an occurrence is skipped while the previous run is active.</param>
internal sealed record ScheduleSpec(string Cron, string TimeZone, bool SkipIfActive);
