using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SchemaTasks.Quartz.Tests.Infrastructure;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Quartz.Tests;

/// <summary>A lost database connection mid-run, on a PostgreSQL server of the test's own (it is restarted).</summary>
public sealed class DatabaseRestartTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_database_restart_mid_run_loses_nothing_and_the_node_keeps_working()
    {
        await using var server = new PostgresServer();
        await server.InitializeAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocking = TestTasks.Define(async (_, _, _, _) =>
        {
            started.TrySetResult();
            await release.Task;
        });
        var quick = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSchemaTasks(options => options.Mode = TaskRunMode.Async).AddTask(blocking).AddTask(quick).UseQuartz(options =>
        {
            options.ConnectionString = server.ConnectionString;
            options.Schema = PostgresServer.NewSchema("restart");
            options.LeaseTimeout = TimeSpan.FromSeconds(3);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var trigger = host.Services.GetRequiredService<ITaskTrigger>();
        var runs = host.Services.GetRequiredService<ITaskRuns>();
        var before = await trigger.TriggerAsync(quick, new TestPayload(1), null, default);
        Assert.Equal(TaskRunStatus.Completed, (await runs.WaitForCompletionAsync(before.RunId, Wait)).Status);

        var handle = await trigger.TriggerAsync(blocking, new TestPayload(1), null, default);
        await started.Task.WaitAsync(Wait);
        await server.RestartAsync();
        release.SetResult();

        // Every pooled connection died with the server: the run's end is still recorded, and the node takes new runs.
        var run = await runs.WaitForCompletionAsync(handle.RunId, Wait);
        var after = await trigger.TriggerAsync(quick, new TestPayload(2), null, default);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(TaskRunStatus.Completed, (await runs.WaitForCompletionAsync(after.RunId, Wait)).Status);
        await host.StopAsync();
    }
}
