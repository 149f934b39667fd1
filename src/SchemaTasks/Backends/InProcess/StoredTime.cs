namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// How the in-memory store keeps a run's times and durations: as one <see cref="long"/> each (UTC ticks, or a
/// duration's ticks) instead of a <see cref="DateTimeOffset"/>? (24 bytes) or a <see cref="TimeSpan"/>? (16). A
/// finished run stays in history (10,000 by default), so every byte of it is held, and copied by the young-generation
/// collections, long after it ran. Times come back in UTC: every time the store is given comes from
/// <see cref="TimeProvider.GetUtcNow"/>, whose offset is zero.
/// </summary>
internal static class StoredTime
{
    /// <summary>No time (<see cref="DateTimeOffset.MinValue"/>, which no run is created, started or ended at).</summary>
    public const long None = 0;

    /// <summary>No duration (no duration is <see cref="TimeSpan.MinValue"/>).</summary>
    public const long NoDuration = long.MinValue;

    public static long Of(DateTimeOffset at) => at.UtcTicks;

    public static long Of(DateTimeOffset? at) => at?.UtcTicks ?? None;

    public static long Of(TimeSpan duration) => duration.Ticks;

    public static long Of(TimeSpan? duration) => duration?.Ticks ?? NoDuration;

    public static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    public static DateTimeOffset? AtOrNull(long ticks) => ticks == None ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    public static TimeSpan? Duration(long ticks) => ticks == NoDuration ? null : new TimeSpan(ticks);
}
