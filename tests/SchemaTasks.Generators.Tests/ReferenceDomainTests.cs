using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>The generated code of the three reference domains, against checked-in baselines.</summary>
public sealed class ReferenceDomainTests
{
    [Fact]
    public void Calendars_domain_generates_the_whole_tasker_pattern()
    {
        var run = GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain));

        Assert.Equal(
            [
                "Microsoft.Extensions.DependencyInjection.CalendarsTaskerServiceCollectionExtensions.g.cs",
                "SchemaTasks.Sample.Calendars.CalendarsSyncTasker.g.cs",
                "SchemaTasks.Sample.Calendars.CalendarsTasker.g.cs",
                "SchemaTasks.Sample.Calendars.CalendarsTasks.g.cs",
                "SchemaTasks.Sample.Calendars.CalendarsTriggerTasker.g.cs",
                "SchemaTasks.Sample.Calendars.ICalendarsTasker.g.cs",
            ],
            run.HintNames);
        Baselines.Verify(run);
    }

    [Fact]
    public void Backfill_task_takes_the_method_machine_over_the_shared_config()
    {
        var tasks = GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain)).Source("SchemaTasks.Sample.Calendars.CalendarsTasks.g.cs");

        var backfill = tasks[tasks.IndexOf("BackfillGoogleCalendarEvents { get; }", StringComparison.Ordinal)..];
        Assert.Contains("machine: global::SchemaTasks.Machine.Medium1x,", backfill, StringComparison.Ordinal);
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"calendars\", 10, 0)", GeneratedTasksText.ConfigOf(tasks, "BackfillGoogleCalendarEvents", "queue"));
    }

    [Fact]
    public void Webhooks_domain_passes_the_run_context_and_writes_the_factor_round_trippable()
    {
        var run = GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.WebhooksDomain));

        var tasks = run.Source("SchemaTasks.Sample.Webhooks.WebhooksTasks.g.cs");
        Assert.Contains("Factor = 1.8d,", tasks, StringComparison.Ordinal);
        Assert.Contains("                context,\n", tasks, StringComparison.Ordinal);
        Baselines.Verify(run);
    }

    [Fact]
    public void Billing_proration_domain_generates_a_schedule_and_a_tasker_for_its_batch_task()
    {
        var run = GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.BillingDomain));

        var tasks = run.Source("SchemaTasks.Sample.Billing.MonthlyProrationTasks.g.cs");
        Assert.Contains("schedule: new global::SchemaTasks.ScheduleOptions(\"0 0 1 * *\", \"UTC\", false)", tasks, StringComparison.Ordinal);
        var tasker = run.Source("SchemaTasks.Sample.Billing.IMonthlyProrationTasker.g.cs");
        Assert.Contains("ProrateTeamAsync(", tasker, StringComparison.Ordinal);
        Assert.DoesNotContain("ScheduleAsync", tasker, StringComparison.Ordinal);
        Baselines.Verify(run);
    }

    [Fact]
    public void Three_domains_in_one_compilation_generate_side_by_side()
    {
        var run = GeneratorHarness.Run(ReferenceDomains.Project(ReferenceDomains.CalendarsDomain, ReferenceDomains.WebhooksDomain, ReferenceDomains.BillingDomain));

        Assert.Equal(18, run.Sources.Length);
        Assert.Contains("AddWebhooksTasker", run.AllSources, StringComparison.Ordinal);
        Assert.Contains("AddMonthlyProrationTasker", run.AllSources, StringComparison.Ordinal);
    }
}
