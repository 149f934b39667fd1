using SchemaTasks.Scheduling;
using static SchemaTasks.Tests.Scheduling.SchedulerHarness;

namespace SchemaTasks.Tests.Scheduling;

public sealed class CronSchedulerTests
{
    private const string ScheduleId = "billing.monthly-proration.schedule";
    private static readonly DateTimeOffset Start = Utc("2025-01-01T10:02:00");

    [Fact]
    public async Task An_occurrence_triggers_a_run_with_its_nominal_timestamp_and_the_next_five()
    {
        await using var harness = new SchedulerHarness(Start);
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));

        var run = Assert.Single(harness.Trigger.Triggered);
        Assert.Equal(ScheduleId, run.ScheduleId);
        Assert.Equal(Utc("2025-01-01T10:05:00"), run.Timestamp);
        Assert.Null(run.LastTimestamp);
        Assert.Equal("UTC", run.TimeZone);
        Assert.Equal(
            [Utc("2025-01-01T10:10:00"), Utc("2025-01-01T10:15:00"), Utc("2025-01-01T10:20:00"), Utc("2025-01-01T10:25:00"), Utc("2025-01-01T10:30:00")],
            run.Upcoming);
        Assert.Equal(1, harness.Log.Count(3001));
    }

    [Fact]
    public async Task Nothing_runs_before_the_first_occurrence()
    {
        await using var harness = new SchedulerHarness(Start);
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:04:59"));

        Assert.Empty(harness.Trigger.Triggered);
    }

    [Fact]
    public async Task Each_run_carries_the_timestamp_of_the_previous_occurrence_that_ran()
    {
        await using var harness = new SchedulerHarness(Start);
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:10:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:15:00"));

        Assert.Equal([null, Utc("2025-01-01T10:05:00"), Utc("2025-01-01T10:10:00")], harness.Trigger.Triggered.Select(r => r.LastTimestamp));
        Assert.Equal([Utc("2025-01-01T10:05:00"), Utc("2025-01-01T10:10:00"), Utc("2025-01-01T10:15:00")], harness.Trigger.Triggered.Select(r => r.Timestamp));
    }

    [Fact]
    public async Task A_run_in_a_time_zone_carries_local_timestamps_and_the_zone_id()
    {
        await using var harness = new SchedulerHarness(Utc("2025-03-29T20:00:00"));
        await harness.StartAsync(Scheduled("30 2 * * *", "Europe/Paris"));

        // 30 March 2025 springs forward at 02:00 in Paris: the 02:30 occurrence runs at 03:00 CEST (01:00Z).
        await harness.AdvanceToAsync(Utc("2025-03-30T00:59:00"));
        Assert.Empty(harness.Trigger.Triggered);
        await harness.AdvanceToAsync(Utc("2025-03-30T01:00:00"));

        var run = Assert.Single(harness.Trigger.Triggered);
        Assert.Equal("Europe/Paris", run.TimeZone);
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 3, 0, 0, TimeSpan.FromHours(2)), run.Timestamp);
        Assert.Equal(TimeSpan.FromHours(2), run.Timestamp.Offset);
        Assert.Equal(new DateTimeOffset(2025, 3, 31, 2, 30, 0, TimeSpan.FromHours(2)), run.Upcoming[0]);
    }

    [Fact]
    public async Task A_late_wake_up_runs_only_the_most_recent_missed_occurrence_once()
    {
        await using var harness = new SchedulerHarness(Start);
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        // One step over 36 occurrences: the timer fires three hours late.
        await harness.AdvanceToAsync(Utc("2025-01-01T13:02:00"));

        var run = Assert.Single(harness.Trigger.Triggered);
        Assert.Equal(Utc("2025-01-01T13:00:00"), run.Timestamp);
        Assert.Equal(1, harness.Log.Count(3004));

        await harness.AdvanceToAsync(Utc("2025-01-01T13:05:00"));

        Assert.Equal(2, harness.Trigger.Triggered.Count);
        Assert.Equal(Utc("2025-01-01T13:05:00"), harness.Trigger.Triggered[1].Timestamp);
        Assert.Equal(Utc("2025-01-01T13:00:00"), harness.Trigger.Triggered[1].LastTimestamp);
        Assert.Equal(1, harness.Log.Count(3004));
    }

    [Fact]
    public async Task A_restart_with_history_catches_up_once_with_the_latest_missed_occurrence()
    {
        var store = new InMemoryScheduleStateStore();
        await using var harness = new SchedulerHarness(Start, store: store);
        await harness.StartAsync(Scheduled("*/5 * * * *"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));
        await harness.StopAsync();

        // Down for an hour, then a new scheduler on the same store.
        harness.Clock.SetUtcNow(Utc("2025-01-01T11:07:00"));
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        Assert.Equal(2, harness.Trigger.Triggered.Count);
        var catchUp = harness.Trigger.Triggered[1];
        Assert.Equal(Utc("2025-01-01T11:05:00"), catchUp.Timestamp);
        Assert.Equal(Utc("2025-01-01T10:05:00"), catchUp.LastTimestamp);
        Assert.Equal(1, harness.Log.Count(3004));

        await harness.AdvanceToAsync(Utc("2025-01-01T11:10:00"));

        Assert.Equal(3, harness.Trigger.Triggered.Count);
        Assert.Equal(Utc("2025-01-01T11:10:00"), harness.Trigger.Triggered[2].Timestamp);
        Assert.Equal(new ScheduleState(Utc("2025-01-01T11:10:00"), "run-3"), await store.GetAsync(ScheduleId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_first_start_without_history_does_not_catch_up()
    {
        await using var harness = new SchedulerHarness(Utc("2025-01-01T10:07:00"));
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        Assert.Empty(harness.Trigger.Triggered);
        Assert.Equal(0, harness.Log.Count(3004));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:10:00"));

        Assert.Equal(Utc("2025-01-01T10:10:00"), Assert.Single(harness.Trigger.Triggered).Timestamp);
    }

    [Fact]
    public async Task A_start_exactly_on_an_occurrence_runs_it()
    {
        await using var harness = new SchedulerHarness(Utc("2025-01-01T10:05:00"));
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        Assert.Equal(Utc("2025-01-01T10:05:00"), Assert.Single(harness.Trigger.Triggered).Timestamp);
    }

    [Fact]
    public async Task With_SkipIfActive_occurrences_are_skipped_while_the_previous_run_is_active()
    {
        await using var harness = new SchedulerHarness(Start);
        await harness.StartAsync(Scheduled("*/5 * * * *", skipIfActive: true));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:10:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:15:00"));

        Assert.Single(harness.Trigger.Triggered);
        Assert.Equal(2, harness.Log.Count(3003));

        harness.Runs.Complete("run-1");
        await harness.AdvanceToAsync(Utc("2025-01-01T10:20:00"));

        Assert.Equal(2, harness.Trigger.Triggered.Count);
        var second = harness.Trigger.Triggered[1];
        Assert.Equal(Utc("2025-01-01T10:20:00"), second.Timestamp);
        Assert.Equal(Utc("2025-01-01T10:05:00"), second.LastTimestamp);
    }

    [Fact]
    public async Task Without_SkipIfActive_runs_overlap_when_one_outlasts_the_interval()
    {
        await using var harness = new SchedulerHarness(Start);
        await harness.StartAsync(Scheduled("*/5 * * * *", skipIfActive: false));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:10:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:15:00"));

        Assert.Equal(3, harness.Trigger.Triggered.Count);
        foreach (var runId in harness.Trigger.RunIds)
        {
            Assert.Equal(TaskRunStatus.Executing, (await harness.Runs.GetAsync(runId, TestContext.Current.CancellationToken))!.Status);
        }

        Assert.Equal(0, harness.Log.Count(3003));
    }

    [Fact]
    public async Task SkipIfActive_checks_the_run_recorded_before_a_restart()
    {
        var store = new InMemoryScheduleStateStore();
        await using var harness = new SchedulerHarness(Start, store: store);
        await harness.StartAsync(Scheduled("*/5 * * * *", skipIfActive: true));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));
        await harness.StopAsync();

        await harness.StartAsync(Scheduled("*/5 * * * *", skipIfActive: true));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:10:00"));

        Assert.Single(harness.Trigger.Triggered);
        Assert.Equal(1, harness.Log.Count(3003));
    }

    [Fact]
    public async Task In_sync_mode_occurrences_run_inline_through_the_sync_runner()
    {
        await using var harness = new SchedulerHarness(Start, TaskRunMode.Sync);
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));

        var run = await harness.Runner.NextStartedAsync();
        Assert.Equal(Utc("2025-01-01T10:05:00"), run.Timestamp);
        Assert.Equal(ScheduleId, run.ScheduleId);
        Assert.Equal(5, run.Upcoming.Count);
        Assert.Empty(harness.Trigger.Triggered);
        Assert.Equal(1, harness.Log.Count(3002));
    }

    [Fact]
    public async Task In_sync_mode_a_run_that_outlasts_the_interval_does_not_delay_the_next_occurrence()
    {
        await using var harness = new SchedulerHarness(Start, TaskRunMode.Sync);
        harness.Runner.Blocking = true;
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:10:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:15:00"));

        var started = new[] { await harness.Runner.NextStartedAsync(), await harness.Runner.NextStartedAsync(), await harness.Runner.NextStartedAsync() };
        Assert.Equal(
            [Utc("2025-01-01T10:05:00"), Utc("2025-01-01T10:10:00"), Utc("2025-01-01T10:15:00")],
            started.Select(r => r.Timestamp).Order());
        foreach (var run in started)
        {
            harness.Runner.Finish(run.Timestamp);
        }
    }

    [Fact]
    public async Task In_sync_mode_SkipIfActive_skips_while_the_inline_run_is_still_running()
    {
        await using var harness = new SchedulerHarness(Start, TaskRunMode.Sync);
        harness.Runner.Blocking = true;
        await harness.StartAsync(Scheduled("*/5 * * * *", skipIfActive: true));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));
        var first = await harness.Runner.NextStartedAsync();
        await harness.AdvanceToAsync(Utc("2025-01-01T10:10:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:15:00"));

        Assert.Equal(1, harness.Log.Count(3002));
        Assert.Equal(2, harness.Log.Count(3003));

        harness.Runner.Finish(first.Timestamp);
        await WaitUntilAsync(() => harness.InlineRunsInFlight == 0);
        await harness.AdvanceToAsync(Utc("2025-01-01T10:20:00"));

        var second = await harness.Runner.NextStartedAsync();
        Assert.Equal(Utc("2025-01-01T10:20:00"), second.Timestamp);
        Assert.Equal(Utc("2025-01-01T10:05:00"), second.LastTimestamp);
        harness.Runner.Finish(second.Timestamp);
    }

    [Fact]
    public async Task A_failed_dispatch_is_logged_and_later_occurrences_still_run()
    {
        await using var harness = new SchedulerHarness(Start);
        harness.Trigger.Fail = call => call == 1 ? new InvalidOperationException("backend exploded") : null;
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:10:00"));

        var run = Assert.Single(harness.Trigger.Triggered);
        Assert.Equal(Utc("2025-01-01T10:10:00"), run.Timestamp);
        Assert.Null(run.LastTimestamp);
        var failure = Assert.Single(harness.Log.Events, e => e.EventId == 3005);
        Assert.Equal("backend exploded", failure.Exception?.Message);
    }

    [Fact]
    public async Task A_failed_inline_run_is_logged_and_later_occurrences_still_run()
    {
        await using var harness = new SchedulerHarness(Start, TaskRunMode.Sync);
        harness.Runner.Fail = call => call == 1 ? new InvalidOperationException("task failed") : null;
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));
        await harness.Runner.NextStartedAsync();
        await WaitUntilAsync(() => harness.Log.Count(3006) == 1);
        await harness.AdvanceToAsync(Utc("2025-01-01T10:10:00"));

        var second = await harness.Runner.NextStartedAsync();
        Assert.Equal(Utc("2025-01-01T10:10:00"), second.Timestamp);
        Assert.Equal("task failed", Assert.Single(harness.Log.Events, e => e.EventId == 3006).Exception?.Message);
    }

    [Fact]
    public async Task An_occurrence_that_cannot_be_enqueued_falls_back_to_the_sync_runner()
    {
        await using var harness = new SchedulerHarness(Start, TaskRunMode.Async, fallbackToSync: true);
        harness.Trigger.Fail = _ => new TaskEnqueueException(ScheduleId, new IOException("store down"));
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));

        Assert.Equal(Utc("2025-01-01T10:05:00"), (await harness.Runner.NextStartedAsync()).Timestamp);
        Assert.Equal(1, harness.Log.Count(1001));
    }

    [Fact]
    public async Task Without_fallback_an_occurrence_that_cannot_be_enqueued_is_logged_as_failed()
    {
        await using var harness = new SchedulerHarness(Start, TaskRunMode.Async, fallbackToSync: false);
        harness.Trigger.Fail = _ => new TaskEnqueueException(ScheduleId, new IOException("store down"));
        await harness.StartAsync(Scheduled("*/5 * * * *"));

        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));

        Assert.Equal(0, harness.Runner.Calls);
        Assert.Equal(1, harness.Log.Count(3005));
    }

    [Fact]
    public async Task Each_scheduled_task_follows_its_own_schedule_and_triggered_tasks_are_ignored()
    {
        await using var harness = new SchedulerHarness(Start);
        var triggered = new TaskDefinition<string>("calendars.ensure-default-calendars", static (_, _, _, _) => Task.CompletedTask);
        var everyFive = Scheduled("*/5 * * * *", id: "reports.every-five");
        await harness.StartAsync(everyFive, Scheduled("*/3 * * * *", id: "reports.every-three"), triggered, everyFive);

        await harness.AdvanceToAsync(Utc("2025-01-01T10:03:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:05:00"));
        await harness.AdvanceToAsync(Utc("2025-01-01T10:06:00"));

        Assert.Equal(
            ["reports.every-three@10:03", "reports.every-five@10:05", "reports.every-three@10:06"],
            harness.Trigger.Triggered.Select(r => $"{r.ScheduleId}@{r.Timestamp:HH:mm}"));
    }

    [Fact]
    public async Task An_invalid_cron_expression_fails_the_start_and_names_the_task()
    {
        await using var harness = new SchedulerHarness(Start);
        using var scheduler = harness.Create(Scheduled("0 0 32 * *"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(ScheduleId, ex.Message, StringComparison.Ordinal);
        Assert.Contains("0 0 32 * *", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_time_zone_fails_the_start_and_names_the_task()
    {
        await using var harness = new SchedulerHarness(Start);
        using var scheduler = harness.Create(Scheduled("0 0 1 * *", "Europe/Atlantis"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(ScheduleId, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Europe/Atlantis", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schedule_on_a_task_whose_payload_is_not_a_ScheduledRun_fails_the_start()
    {
        await using var harness = new SchedulerHarness(Start);
        var wrong = new TaskDefinition<string>("reports.wrong", static (_, _, _, _) => Task.CompletedTask, schedule: new ScheduleOptions("0 0 1 * *"));
        using var scheduler = harness.Create(wrong);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("reports.wrong", ex.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset Utc(string value) =>
        new(DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);

    // A safety net for work that continues on the thread pool after an inline run ends; never a timing assertion.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Yield();
            safety.Token.ThrowIfCancellationRequested();
        }
    }
}
