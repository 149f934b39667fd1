namespace SchemaTasks.Analyzers.Model;

/// <summary>The schedule of a <c>[ScheduledTask]</c>: <c>Cron</c>, <c>TimeZone</c> and <c>SkipIfActive</c>.</summary>
/// <param name="Cron">The cron expression (the attribute's default, <c>""</c>, when not written).</param>
/// <param name="TimeZone">The IANA time zone (<c>"UTC"</c> when not written).</param>
/// <param name="SkipIfActive">Whether an occurrence is skipped while the previous run is active.</param>
internal sealed record ScheduleConfig(ConfigValue<string?> Cron, ConfigValue<string?> TimeZone, ConfigValue<bool> SkipIfActive)
{
    /// <summary>The default of <c>ScheduledTaskAttribute.TimeZone</c>.</summary>
    public const string DefaultTimeZone = SchemaTasks.Roslyn.TaskAttributeValues.DefaultTimeZone;
}
