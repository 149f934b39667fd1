using System.Globalization;

namespace SchemaTasks.Scheduling;

/// <summary>
/// The idempotency key of each occurrence, so that an occurrence runs once whatever happens: two hosts on one run
/// store both wake for it, or a scheduler restarts after dispatching it but before its state was saved and
/// dispatches it again. The second dispatch finds the first run by the key instead of starting another.
/// </summary>
internal static class OccurrenceIdempotency
{
    /// <summary>
    /// The key of an occurrence: <c>{taskId}:{due}</c> with <c>due</c> in UTC as <c>yyyy-MM-ddTHH:mm:ssZ</c>, e.g.
    /// <c>billing.monthly-proration.schedule:2025-02-01T00:00:00Z</c>. UTC, because hosts may read the schedule's
    /// instant with different offsets, and the two passes of a repeated daylight-saving hour are distinct instants
    /// with the same local time. Seconds suffice: cron occurrences fall on whole minutes.
    /// </summary>
    /// <param name="taskId">The scheduled task's id.</param>
    /// <param name="due">The occurrence's nominal time, in any offset.</param>
    public static string Key(string taskId, DateTimeOffset due) =>
        string.Create(CultureInfo.InvariantCulture, $"{taskId}:{due.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");

    /// <summary>
    /// How long the key is held: <see cref="TriggerOptions.DefaultIdempotencyKeyTtl"/> (30 days), or until the
    /// next occurrence when that is later. A scheduler only dispatches an occurrence while it is the most recent
    /// one due (a catch-up runs the latest missed occurrence), so the key outlives every moment it can be
    /// dispatched again; the 30 days also cover hosts whose clocks disagree.
    /// </summary>
    /// <param name="run">The occurrence, with its upcoming occurrences.</param>
    public static TimeSpan Ttl(ScheduledRun run)
    {
        var untilNext = run.Upcoming.Count > 0 ? run.Upcoming[0] - run.Timestamp : TimeSpan.Zero;
        return untilNext > TriggerOptions.DefaultIdempotencyKeyTtl ? untilNext : TriggerOptions.DefaultIdempotencyKeyTtl;
    }

    /// <summary>The trigger options of an occurrence, for both the enqueued and the inline path.</summary>
    /// <param name="run">The occurrence.</param>
    public static TriggerOptions Options(ScheduledRun run) => new()
    {
        IdempotencyKey = Key(run.ScheduleId, run.Timestamp),
        IdempotencyKeyTtl = Ttl(run),
    };
}
