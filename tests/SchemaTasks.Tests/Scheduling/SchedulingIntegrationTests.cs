using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SchemaTasks.Scheduling;

namespace SchemaTasks.Tests.Scheduling;

/// <summary>Scheduled tasks run for real: AddSchemaTasks, a host, the in-process backend and a fake clock.</summary>
public sealed class SchedulingIntegrationTests
{
    private const string ScheduleId = "billing.monthly-proration.schedule";

    [Theory]
    [InlineData(TaskRunMode.Async)]
    [InlineData(TaskRunMode.Sync)]
    public async Task A_monthly_scheduled_task_runs_at_midnight_on_the_first_through_the_runtime(TaskRunMode mode)
    {
        var clock = new ObservableFakeTimeProvider(Utc("2025-01-31T23:59:30"));
        var received = Channel.CreateUnbounded<(ScheduledRun Run, TaskRunContext Context)>();
        var task = new TaskDefinition<ScheduledRun>(
            ScheduleId,
            (_, run, context, _) => received.Writer.WriteAsync((run, context)).AsTask(),
            schedule: new ScheduleOptions("0 0 1 * *", "UTC"));
        using var host = BuildHost(clock, mode, services => services.AddSchemaTasks().AddTask(task));
        await host.StartAsync(TestContext.Current.CancellationToken);
        await clock.WaitForTimerDueAsync(Utc("2025-02-01T00:00:00"));

        clock.SetUtcNow(Utc("2025-02-01T00:00:00"));

        var (run, context) = await received.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Equal(ScheduleId, run.ScheduleId);
        Assert.Equal(Utc("2025-02-01T00:00:00"), run.Timestamp);
        Assert.Null(run.LastTimestamp);
        Assert.Equal("UTC", run.TimeZone);
        Assert.Equal(Utc("2025-03-01T00:00:00"), run.Upcoming[0]);
        Assert.Equal(5, run.Upcoming.Count);
        Assert.Equal(ScheduleId, context.TaskId);

        var runs = host.Services.GetRequiredService<ITaskRuns>();
        var recorded = await runs.WaitForCompletionAsync(context.RunId, Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Equal(TaskRunStatus.Completed, recorded.Status);
        Assert.Equal(mode, recorded.Mode);

        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task SkipIfActive_skips_while_the_in_process_run_is_still_executing()
    {
        var clock = new ObservableFakeTimeProvider(Utc("2025-01-01T10:04:00"));
        var started = Channel.CreateUnbounded<ScheduledRun>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = new TaskDefinition<ScheduledRun>(
            "reports.every-five",
            async (_, run, _, cancellationToken) =>
            {
                await started.Writer.WriteAsync(run, cancellationToken);
                await release.Task.WaitAsync(cancellationToken);
            },
            schedule: new ScheduleOptions("*/5 * * * *", "UTC", SkipIfActive: true));
        using var host = BuildHost(clock, TaskRunMode.Async, services => services.AddSchemaTasks().AddTask(task));
        await host.StartAsync(TestContext.Current.CancellationToken);
        await clock.WaitForTimerDueAsync(Utc("2025-01-01T10:05:00"));

        clock.SetUtcNow(Utc("2025-01-01T10:05:00"));
        var first = await started.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await clock.WaitForTimerDueAsync(Utc("2025-01-01T10:06:00"));
        clock.SetUtcNow(Utc("2025-01-01T10:10:00"));
        await clock.WaitForTimerDueAsync(Utc("2025-01-01T10:11:00"));

        Assert.Equal(Utc("2025-01-01T10:05:00"), first.Timestamp);
        var runs = await host.Services.GetRequiredService<ITaskRuns>().ListAsync(new TaskRunQuery { TaskId = "reports.every-five" }, TestContext.Current.CancellationToken);
        Assert.Equal(TaskRunStatus.Executing, Assert.Single(runs).Status);
        var store = host.Services.GetRequiredService<IScheduleStateStore>();
        Assert.Equal(Utc("2025-01-01T10:05:00"), (await store.GetAsync("reports.every-five", TestContext.Current.CancellationToken))!.LastTimestamp);

        release.SetResult();
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void AddSchemaTasks_registers_the_scheduler_once_and_the_in_memory_state_store()
    {
        var services = new ServiceCollection();
        services.AddSchemaTasks();
        services.AddSchemaTasks();
        SchedulingRegistration.AddScheduling(services);

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CronScheduler));
        var store = Assert.Single(services, d => d.ServiceType == typeof(IScheduleStateStore));
        Assert.Equal(typeof(InMemoryScheduleStateStore), store.ImplementationType);
    }

    [Fact]
    public void A_state_store_registered_before_AddSchemaTasks_is_kept()
    {
        var services = new ServiceCollection();
        var durable = new InMemoryScheduleStateStore();
        services.AddSingleton<IScheduleStateStore>(durable);
        services.AddSchemaTasks();

        using var provider = services.BuildServiceProvider();

        Assert.Same(durable, provider.GetRequiredService<IScheduleStateStore>());
    }

    private static IHost BuildHost(TimeProvider clock, TaskRunMode mode, Action<IServiceCollection> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(clock);
        configure(builder.Services);
        builder.Services.AddSchemaTasks(options => options.Mode = mode);
        return builder.Build();
    }

    private static DateTimeOffset Utc(string value) =>
        new(DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
}
