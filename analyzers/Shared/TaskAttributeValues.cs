using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>
/// The arguments of a <c>[SchemaTask]</c> or <c>[ScheduledTask]</c> attribute. Holds a symbol
/// (<see cref="ConfigType"/>): use it while analysing, never keep it in a generator model.
/// </summary>
/// <param name="Id">The task id.</param>
/// <param name="ConfigType">The shared config type, or null.</param>
/// <param name="Description">The description, or null.</param>
/// <param name="Cron">The cron expression of a scheduled task ("" for a triggered task).</param>
/// <param name="TimeZone">The time zone of a scheduled task ("UTC" by default).</param>
/// <param name="SkipIfActive">Whether a scheduled occurrence is skipped while the previous run is active.</param>
internal sealed record TaskAttributeValues(
    string Id,
    INamedTypeSymbol? ConfigType,
    string? Description,
    string Cron,
    string TimeZone,
    bool SkipIfActive)
{
    /// <summary>The default of <c>ScheduledTaskAttribute.TimeZone</c>.</summary>
    public const string DefaultTimeZone = "UTC";
}
