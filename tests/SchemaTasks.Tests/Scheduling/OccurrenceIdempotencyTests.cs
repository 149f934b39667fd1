using System.Globalization;
using SchemaTasks.Scheduling;

namespace SchemaTasks.Tests.Scheduling;

/// <summary>The idempotency key and key lifetime every occurrence is dispatched with.</summary>
public sealed class OccurrenceIdempotencyTests
{
    [Fact]
    public void The_key_is_the_task_id_and_the_occurrence_in_UTC_whatever_offset_it_is_read_in()
    {
        var paris = DateTimeOffset.Parse("2025-03-30T03:00:00+02:00", CultureInfo.InvariantCulture);

        Assert.Equal("reports.nightly:2025-03-30T01:00:00Z", OccurrenceIdempotency.Key("reports.nightly", paris));
        Assert.Equal(OccurrenceIdempotency.Key("reports.nightly", paris), OccurrenceIdempotency.Key("reports.nightly", paris.ToUniversalTime()));
    }

    [Fact]
    public void The_two_passes_of_a_repeated_daylight_saving_hour_get_distinct_keys()
    {
        // 02:30 local happens twice in Paris on 2025-10-26: at 02:30+02:00 and again at 02:30+01:00.
        var summer = DateTimeOffset.Parse("2025-10-26T02:30:00+02:00", CultureInfo.InvariantCulture);
        var winter = DateTimeOffset.Parse("2025-10-26T02:30:00+01:00", CultureInfo.InvariantCulture);

        Assert.NotEqual(OccurrenceIdempotency.Key("reports.half-hourly", summer), OccurrenceIdempotency.Key("reports.half-hourly", winter));
    }

    [Fact]
    public void The_key_is_held_30_days_for_a_frequent_schedule()
    {
        var run = Occurrence(Utc("2025-01-01T10:00:00"), Utc("2025-01-01T11:00:00"));

        Assert.Equal(TimeSpan.FromDays(30), OccurrenceIdempotency.Ttl(run));
    }

    [Fact]
    public void The_key_is_held_until_the_next_occurrence_when_that_is_more_than_30_days_away()
    {
        var run = Occurrence(Utc("2025-01-01T00:00:00"), Utc("2026-01-01T00:00:00"));

        Assert.Equal(TimeSpan.FromDays(365), OccurrenceIdempotency.Ttl(run));
    }

    [Fact]
    public void The_options_carry_the_key_and_its_lifetime_and_nothing_else()
    {
        var run = Occurrence(Utc("2025-01-01T10:00:00"), Utc("2025-01-01T11:00:00"));

        Assert.Equal(
            new TriggerOptions { IdempotencyKey = "reports.hourly:2025-01-01T10:00:00Z", IdempotencyKeyTtl = TimeSpan.FromDays(30) },
            OccurrenceIdempotency.Options(run));
    }

    private static ScheduledRun Occurrence(DateTimeOffset due, DateTimeOffset next) => new("reports.hourly", due, null, "UTC", [next]);

    private static DateTimeOffset Utc(string value) =>
        new(DateTime.Parse(value, CultureInfo.InvariantCulture), TimeSpan.Zero);
}
