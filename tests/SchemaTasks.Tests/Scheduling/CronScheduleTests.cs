using SchemaTasks.Scheduling;

namespace SchemaTasks.Tests.Scheduling;

public sealed class CronScheduleTests
{
    [Fact]
    public void Monthly_schedule_in_utc_runs_at_midnight_on_the_first()
    {
        var schedule = CronSchedule.Parse("0 0 1 * *", "UTC");

        var occurrences = schedule.Upcoming(Utc("2025-01-15T12:00:00"), 3);

        Assert.Equal([Utc("2025-02-01T00:00:00"), Utc("2025-03-01T00:00:00"), Utc("2025-04-01T00:00:00")], occurrences);
        Assert.All(occurrences, o => Assert.Equal(TimeSpan.Zero, o.Offset));
    }

    [Fact]
    public void Monthly_schedule_in_paris_runs_at_local_midnight_with_the_offset_of_the_day()
    {
        var schedule = CronSchedule.Parse("0 0 1 * *", "Europe/Paris");

        var occurrences = schedule.Upcoming(Utc("2025-02-15T00:00:00"), 2);

        // March 1st is winter time (+01:00), April 1st summer time (+02:00).
        Assert.Equal(At("2025-03-01T00:00:00", 1), occurrences[0]);
        Assert.Equal(TimeSpan.FromHours(1), occurrences[0].Offset);
        Assert.Equal(At("2025-04-01T00:00:00", 2), occurrences[1]);
        Assert.Equal(TimeSpan.FromHours(2), occurrences[1].Offset);
        Assert.Equal(Utc("2025-03-31T22:00:00"), occurrences[1].ToUniversalTime());
    }

    [Fact]
    public void Monthly_schedule_in_new_york_runs_at_local_midnight_with_the_offset_of_the_day()
    {
        var schedule = CronSchedule.Parse("0 0 1 * *", "America/New_York");

        var occurrences = schedule.Upcoming(Utc("2025-02-15T00:00:00"), 2);

        Assert.Equal(At("2025-03-01T00:00:00", -5), occurrences[0]);
        Assert.Equal(TimeSpan.FromHours(-5), occurrences[0].Offset);
        Assert.Equal(At("2025-04-01T00:00:00", -4), occurrences[1]);
        Assert.Equal(TimeSpan.FromHours(-4), occurrences[1].Offset);
    }

    [Fact]
    public void L_in_the_day_of_month_is_the_last_day_of_each_month_leap_years_included()
    {
        var schedule = CronSchedule.Parse("0 0 L * *", "UTC");

        var occurrences = schedule.Upcoming(Utc("2024-01-01T00:00:00"), 5);

        Assert.Equal(
            [Utc("2024-01-31T00:00:00"), Utc("2024-02-29T00:00:00"), Utc("2024-03-31T00:00:00"), Utc("2024-04-30T00:00:00"), Utc("2024-05-31T00:00:00")],
            occurrences);
        Assert.Equal(Utc("2025-02-28T00:00:00"), schedule.NextAfter(Utc("2025-02-01T00:00:00")));
    }

    [Fact]
    public void Hash_in_the_day_of_week_is_the_nth_weekday_of_the_month()
    {
        var schedule = CronSchedule.Parse("0 9 * * 1#2", "UTC");

        // The second Monday of June 2025 is the 9th.
        Assert.Equal(Utc("2025-06-09T09:00:00"), schedule.NextAfter(Utc("2025-06-01T00:00:00")));
    }

    [Fact]
    public void W_in_the_day_of_month_is_the_nearest_weekday()
    {
        var schedule = CronSchedule.Parse("0 9 15W * *", "UTC");

        // 15 June 2025 is a Sunday: the nearest weekday is Monday the 16th.
        Assert.Equal(Utc("2025-06-16T09:00:00"), schedule.NextAfter(Utc("2025-06-01T00:00:00")));
    }

    [Theory]
    [InlineData("0 0 L-2 * *", "2025-02-26T00:00:00")]
    [InlineData("0 9 LW * *", "2025-05-30T09:00:00")]
    [InlineData("0 18 * * 5L", "2025-02-28T18:00:00")]
    [InlineData("0 9 14W * *", "2025-06-13T09:00:00")]
    [InlineData("0 0 ? * MON", "2025-02-03T00:00:00")]
    public void The_documented_special_characters_give_the_documented_days(string cron, string expected)
    {
        var schedule = CronSchedule.Parse(cron, "UTC");

        // From 1 February 2025 (for LW: from 1 May 2025, whose 31st is a Saturday; for W: June, whose 14th is a Saturday).
        var from = cron.Contains("LW", StringComparison.Ordinal) ? Utc("2025-05-01T00:00:00")
            : cron.Contains('W', StringComparison.Ordinal) ? Utc("2025-06-01T00:00:00")
            : Utc("2025-02-01T00:00:00");
        Assert.Equal(Utc(expected), schedule.NextAfter(from));
    }

    [Fact]
    public void A_0230_job_on_a_spring_forward_day_runs_at_0300_the_first_valid_time_after_the_gap()
    {
        // Europe/Paris jumps from 02:00 to 03:00 on 30 March 2025: 02:30 does not exist that day.
        var schedule = CronSchedule.Parse("30 2 * * *", "Europe/Paris");

        var occurrences = schedule.Upcoming(At("2025-03-29T00:00:00", 1), 3);

        Assert.Equal(
            [At("2025-03-29T02:30:00", 1), At("2025-03-30T03:00:00", 2), At("2025-03-31T02:30:00", 2)],
            occurrences);
    }

    [Fact]
    public void A_0230_job_on_a_spring_forward_day_in_new_york_runs_once_at_0300()
    {
        // America/New_York jumps from 02:00 to 03:00 on 9 March 2025.
        var schedule = CronSchedule.Parse("30 2 * * *", "America/New_York");

        var occurrences = schedule.Upcoming(At("2025-03-08T12:00:00", -5), 2);

        Assert.Equal([At("2025-03-09T03:00:00", -4), At("2025-03-10T02:30:00", -4)], occurrences);
    }

    [Fact]
    public void A_0130_job_on_a_fall_back_day_runs_once_on_the_first_occurrence()
    {
        // America/New_York goes back from 02:00 EDT to 01:00 EST on 2 November 2025: 01:30 happens twice.
        var schedule = CronSchedule.Parse("30 1 * * *", "America/New_York");

        var occurrences = schedule.Upcoming(At("2025-11-01T12:00:00", -4), 2);

        Assert.Equal([At("2025-11-02T01:30:00", -4), At("2025-11-03T01:30:00", -5)], occurrences);
    }

    [Fact]
    public void A_0230_job_on_the_paris_fall_back_day_runs_once_in_summer_time()
    {
        // Europe/Paris goes back from 03:00 CEST to 02:00 CET on 26 October 2025.
        var schedule = CronSchedule.Parse("30 2 * * *", "Europe/Paris");

        var occurrences = schedule.Upcoming(At("2025-10-25T12:00:00", 2), 2);

        Assert.Equal([At("2025-10-26T02:30:00", 2), At("2025-10-27T02:30:00", 1)], occurrences);
    }

    [Fact]
    public void An_interval_job_keeps_its_real_interval_across_spring_forward()
    {
        var schedule = CronSchedule.Parse("*/30 * * * *", "America/New_York");

        var occurrences = schedule.Upcoming(At("2025-03-09T00:45:00", -5), 4);

        // 02:00 and 02:30 do not exist; 01:30 EST and 03:00 EDT are 30 real minutes apart.
        Assert.Equal(
            [At("2025-03-09T01:00:00", -5), At("2025-03-09T01:30:00", -5), At("2025-03-09T03:00:00", -4), At("2025-03-09T03:30:00", -4)],
            occurrences);
        AssertEvenlySpaced(occurrences, TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void An_interval_job_runs_in_both_passes_of_the_repeated_hour_on_fall_back()
    {
        var schedule = CronSchedule.Parse("*/30 * * * *", "America/New_York");

        var occurrences = schedule.Upcoming(At("2025-11-02T00:45:00", -4), 5);

        Assert.Equal(
            [At("2025-11-02T01:00:00", -4), At("2025-11-02T01:30:00", -4), At("2025-11-02T01:00:00", -5), At("2025-11-02T01:30:00", -5), At("2025-11-02T02:00:00", -5)],
            occurrences);
        AssertEvenlySpaced(occurrences, TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void Upcoming_lists_the_requested_number_of_strictly_increasing_occurrences_after_the_given_one()
    {
        var schedule = CronSchedule.Parse("*/15 * * * *", "UTC");

        var upcoming = schedule.Upcoming(Utc("2025-01-01T10:00:00"), 5);

        Assert.Equal(5, upcoming.Count);
        Assert.Equal(Utc("2025-01-01T10:15:00"), upcoming[0]);
        AssertEvenlySpaced(upcoming, TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void Latest_due_is_the_most_recent_occurrence_not_after_now()
    {
        var schedule = CronSchedule.Parse("*/5 * * * *", "UTC");

        Assert.Equal(Utc("2025-01-01T13:00:00"), schedule.LatestDue(Utc("2025-01-01T10:05:00"), Utc("2025-01-01T13:02:00")));
        Assert.Equal(Utc("2025-01-01T13:05:00"), schedule.LatestDue(Utc("2025-01-01T10:05:00"), Utc("2025-01-01T13:05:00")));
        Assert.Equal(Utc("2025-01-01T10:05:00"), schedule.LatestDue(Utc("2025-01-01T10:05:00"), Utc("2025-01-01T10:09:59")));
    }

    [Fact]
    public void Latest_due_after_a_year_of_downtime_of_a_per_minute_schedule_is_the_last_minute()
    {
        var schedule = CronSchedule.Parse("* * * * *", "Europe/Paris");

        var latest = schedule.LatestDue(Utc("2024-01-01T00:00:00"), Utc("2025-01-01T12:34:56"));

        Assert.Equal(Utc("2025-01-01T12:34:00"), latest.ToUniversalTime());
    }

    [Fact]
    public void Latest_due_across_a_fall_back_follows_the_same_occurrences_as_the_forward_walk()
    {
        var schedule = CronSchedule.Parse("30 1 * * *", "America/New_York");

        // Now is the second pass of 01:45 (EST); the only 01:30 of that day ran in the first pass (EDT).
        var latest = schedule.LatestDue(At("2025-11-01T01:30:00", -4), At("2025-11-02T01:45:00", -5));

        Assert.Equal(At("2025-11-02T01:30:00", -4), latest);
    }

    [Theory]
    [InlineData("0 0 1 *")]
    [InlineData("0 0 0 1 * *")]
    [InlineData("61 * * * *")]
    [InlineData("not a cron")]
    public void An_invalid_cron_expression_is_rejected_with_the_expression_in_the_message(string cron)
    {
        var ex = Assert.Throws<FormatException>(() => CronSchedule.Parse(cron, "UTC"));
        Assert.Contains(cron, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_is_rejected_with_its_id_in_the_message()
    {
        var ex = Assert.Throws<TimeZoneNotFoundException>(() => CronSchedule.Parse("0 0 1 * *", "Mars/Olympus_Mons"));
        Assert.Contains("Mars/Olympus_Mons", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/Paris", 1)]
    [InlineData("America/New_York", -5)]
    [InlineData("Asia/Kolkata", 5.5)]
    [InlineData("UTC", 0)]
    [InlineData("Etc/UTC", 0)]
    public void Iana_time_zones_resolve_under_invariant_globalization(string id, double baseOffsetHours)
    {
        // The repository builds with InvariantGlobalization: the lookup must not depend on ICU.
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);

        var zone = ScheduleTimeZones.Find(id);

        Assert.Equal(TimeSpan.FromHours(baseOffsetHours), zone.BaseUtcOffset);
    }

    private static DateTimeOffset Utc(string local) => At(local, 0);

    private static DateTimeOffset At(string local, double offsetHours) =>
        new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(offsetHours));

    private static void AssertEvenlySpaced(IReadOnlyList<DateTimeOffset> occurrences, TimeSpan interval)
    {
        for (var i = 1; i < occurrences.Count; i++)
        {
            Assert.Equal(interval, occurrences[i] - occurrences[i - 1]);
        }
    }
}
