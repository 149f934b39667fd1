using Cronos;

namespace SchemaTasks.Scheduling;

/// <summary>
/// The occurrences of a 5-field cron expression in an IANA time zone, computed by Cronos. Occurrences are
/// returned with the zone's UTC offset at that instant, so <c>02:30</c> Paris time reads <c>02:30+01:00</c>.
/// </summary>
/// <remarks>
/// Daylight saving follows Cronos: a local time skipped by a spring-forward gap runs once at the first valid
/// time after the gap (02:30 on a 02:00→03:00 day runs at 03:00); a local time repeated by a fall-back runs
/// once, at its first occurrence (summer time), unless the expression is an interval in the minute or hour
/// field (<c>*</c>, <c>*/30</c>, a range), which runs in both passes of the repeated hour.
/// </remarks>
internal sealed class CronSchedule
{
    // Far enough back from Cronos's previous-occurrence hint to cover any UTC offset change, so that the
    // latest due occurrence is always found by the same forward computation as every other occurrence.
    private static readonly TimeSpan PreviousOccurrenceMargin = TimeSpan.FromDays(1);

    private readonly CronExpression _expression;

    private CronSchedule(string cron, string timeZoneId, CronExpression expression, TimeZoneInfo timeZone)
    {
        Cron = cron;
        TimeZoneId = timeZoneId;
        _expression = expression;
        TimeZone = timeZone;
    }

    /// <summary>The cron expression as declared.</summary>
    public string Cron { get; }

    /// <summary>The IANA time zone id as declared.</summary>
    public string TimeZoneId { get; }

    /// <summary>The zone the expression is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Parses a schedule. Throws <see cref="FormatException"/> for an invalid cron expression (5 fields) and
    /// <see cref="TimeZoneNotFoundException"/> for an unknown time zone.
    /// </summary>
    /// <param name="cron">A 5-field cron expression.</param>
    /// <param name="timeZoneId">An IANA time zone id.</param>
    public static CronSchedule Parse(string cron, string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cron);
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(cron, CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            throw new FormatException($"'{cron}' is not a valid 5-field cron expression: {ex.Message}", ex);
        }

        return new CronSchedule(cron, timeZoneId, expression, ScheduleTimeZones.Find(timeZoneId));
    }

    /// <summary>The first occurrence strictly after <paramref name="instant"/>, or null when there is none.</summary>
    /// <param name="instant">Any instant.</param>
    public DateTimeOffset? NextAfter(DateTimeOffset instant) =>
        _expression.GetNextOccurrence(instant, TimeZone, inclusive: false);

    /// <summary>The first occurrence at or after <paramref name="instant"/>, or null when there is none.</summary>
    /// <param name="instant">Any instant.</param>
    public DateTimeOffset? NextFrom(DateTimeOffset instant) =>
        _expression.GetNextOccurrence(instant, TimeZone, inclusive: true);

    /// <summary>Up to <paramref name="count"/> occurrences strictly after <paramref name="occurrence"/>, increasing.</summary>
    /// <param name="occurrence">The occurrence to start after.</param>
    /// <param name="count">How many to return.</param>
    public IReadOnlyList<DateTimeOffset> Upcoming(DateTimeOffset occurrence, int count)
    {
        var upcoming = new List<DateTimeOffset>(count);
        var cursor = occurrence;
        while (upcoming.Count < count && NextAfter(cursor) is { } next)
        {
            upcoming.Add(next);
            cursor = next;
        }

        return upcoming;
    }

    /// <summary>
    /// The most recent occurrence in [<paramref name="firstDue"/>, <paramref name="now"/>]: the one occurrence a
    /// late wake-up runs when several have passed. <paramref name="firstDue"/> itself when it is the only one.
    /// </summary>
    /// <param name="firstDue">An occurrence at or before <paramref name="now"/>.</param>
    /// <param name="now">The current time.</param>
    public DateTimeOffset LatestDue(DateTimeOffset firstDue, DateTimeOffset now)
    {
        if (now <= firstDue)
        {
            return firstDue;
        }

        // Walking forward from firstDue would cost one step per missed occurrence (a year of a per-minute
        // schedule is half a million); start near the end instead.
        var from = firstDue;
        if (_expression.GetPreviousOccurrence(now, TimeZone, inclusive: true) is { } hint && hint - PreviousOccurrenceMargin > firstDue)
        {
            from = hint - PreviousOccurrenceMargin;
        }

        var latest = firstDue;
        foreach (var occurrence in _expression.GetOccurrences(from, now, TimeZone, fromInclusive: true, toInclusive: true))
        {
            latest = occurrence;
        }

        return latest;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Cron} ({TimeZoneId})";
}
