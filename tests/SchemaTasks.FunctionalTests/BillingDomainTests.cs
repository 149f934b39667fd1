using SchemaTasks.Sample.Billing;

namespace SchemaTasks.FunctionalTests;

public sealed class BillingDomainTests
{
    private static readonly DateTimeOffset FirstOfDecember = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_schedule_is_generated_with_its_cron_and_time_zone()
    {
        var schedule = MonthlyProrationTasks.Schedule;

        Assert.Equal("billing.monthly-proration.schedule", schedule.Id);
        Assert.Equal(new ScheduleOptions("0 0 1 * *", "UTC", SkipIfActive: false), schedule.Schedule);
        Assert.Equal(new QueueOptions("monthly-proration", 5), schedule.Queue);
    }

    [Fact]
    public async Task An_occurrence_of_the_schedule_prorates_every_team_once()
    {
        await using var host = await DomainHost.StartAsync();
        var trigger = host.Get<ITaskTrigger>();
        var occurrence = new ScheduledRun(MonthlyProrationTasks.ScheduleId, FirstOfDecember, null, "UTC", []);

        var handle = await trigger.TriggerAsync(MonthlyProrationTasks.Schedule, occurrence, null, TestContext.Current.CancellationToken);
        Assert.Equal(TaskRunStatus.Completed, (await host.CompleteAsync(handle.RunId)).Status);

        var teamRuns = await host.Runs.ListAsync(new TaskRunQuery { TaskId = MonthlyProrationTasks.ProrateTeamId }, TestContext.Current.CancellationToken);
        Assert.Equal(3, teamRuns.Count);
        foreach (var run in teamRuns)
        {
            Assert.Equal(TaskRunStatus.Completed, (await host.CompleteAsync(run.RunId)).Status);
        }

        var billing = (InMemoryBillingRepository)host.Get<IBillingRepository>();
        Assert.Equal([101, 102, 103], billing.Prorated.Keys.Select(k => k.TeamId).Order());
        Assert.All(billing.Prorated.Keys, k => Assert.Equal(new DateOnly(2026, 12, 1), k.Month));
    }

    [Fact]
    public async Task A_repeated_occurrence_does_not_prorate_a_team_twice()
    {
        await using var host = await DomainHost.StartAsync();
        var trigger = host.Get<ITaskTrigger>();
        var occurrence = new ScheduledRun(MonthlyProrationTasks.ScheduleId, FirstOfDecember, null, "UTC", []);

        for (var i = 0; i < 2; i++)
        {
            var handle = await trigger.TriggerAsync(MonthlyProrationTasks.Schedule, occurrence, null, TestContext.Current.CancellationToken);
            await host.CompleteAsync(handle.RunId);
        }

        // The per-team idempotency key (team:month) returns the first run's handle on the repeat.
        var teamRuns = await host.Runs.ListAsync(new TaskRunQuery { TaskId = MonthlyProrationTasks.ProrateTeamId }, TestContext.Current.CancellationToken);
        Assert.Equal(3, teamRuns.Count);
        Assert.Equal(["team:101", "team:102", "team:103"], teamRuns.SelectMany(r => r.Tags).Order());
    }
}
