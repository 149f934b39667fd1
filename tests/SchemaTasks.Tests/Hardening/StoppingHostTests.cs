using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SchemaTasks.Backends;
using SchemaTasks.Backends.InProcess;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Hardening;

/// <summary>
/// While the host stops, nothing runs that the stop does not wait for: a trigger is refused (never run inline, which
/// would drop its delay, TTL and limits), a queue cannot appear behind the stop's back, and a container disposed
/// synchronously stops the backend instead of throwing.
/// </summary>
public sealed class StoppingHostTests
{
    [Fact]
    public async Task A_trigger_while_the_host_stops_fails_and_does_not_run_inline_even_with_fallback_on()
    {
        var task = TestTasks.Counting(out var invocations);
        await using var runtime = TestRuntime.Create(configure: options => options.FallbackToSync = true, tasks: task);
        var tasker = new TestTasker(runtime.Services.GetRequiredService<TaskerContext>(), runtime.Trigger, runtime.Sync, task);

        await runtime.Backend.StopAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<TaskEnqueueException>(() => tasker.RunAsync(new TestPayload(1), new TriggerOptions { Delay = TimeSpan.FromHours(24) }));

        Assert.Equal(TaskEnqueueFailure.HostStopping, error.Reason);
        Assert.False(error.AllowsFallbackToSync);
        Assert.Contains("stopping", error.Message);
        Assert.Equal((1, 0), (tasker.TriggerCalls, tasker.SyncCalls));
        Assert.Equal(0, invocations.Count);
        Assert.Empty(runtime.Logs.WithId(1001));
        Assert.Empty(await runtime.Runs.ListAsync(new TaskRunQuery()));
    }

    [Fact]
    public async Task A_run_whose_queue_would_first_appear_during_the_stop_is_canceled_and_never_runs()
    {
        var blockerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blockerGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lateInvoked = 0;
        var blocker = TestTasks.Define(async (_, _, _, _) =>
        {
            blockerStarted.TrySetResult();
            await blockerGate.Task;
        }, queue: new QueueOptions(TestTasks.UniqueId("first"), 1));
        var late = TestTasks.Define((_, _, _, _) =>
        {
            Interlocked.Increment(ref lateInvoked);
            return Task.CompletedTask;
        }, queue: new QueueOptions(TestTasks.UniqueId("second"), 1));
        GatedRunStore? gated = null;
        await using var runtime = TestRuntime.Create(services => services.Replace(ServiceDescriptor.Singleton<ITaskRunStore>(sp =>
            gated = new GatedRunStore(new InMemoryTaskRunStore(sp.GetRequiredService<TimeProvider>()), late.Id))), tasks: [blocker, late]);
        var runs = runtime.Services.GetRequiredService<ITaskRunStore>();

        var running = await runtime.Trigger.TriggerAsync(blocker, new TestPayload(1), null, default);
        await blockerStarted.Task.WaitAsync(TestRuntime.SafetyTimeout);
        // The late trigger is past the backend's "stopping?" check, held before its run is admitted to a new queue.
        var lateTrigger = runtime.Trigger.TriggerAsync(late, new TestPayload(2), null, default);
        await gated!.Reached.WaitAsync(TestRuntime.SafetyTimeout);
        var stop = runtime.Backend.StopAsync(CancellationToken.None);
        gated.Open();

        var error = await Assert.ThrowsAsync<TaskEnqueueException>(() => lateTrigger.WaitAsync(TestRuntime.SafetyTimeout));
        Assert.False(stop.IsCompleted);
        blockerGate.SetResult();
        await stop.WaitAsync(TestRuntime.SafetyTimeout);

        Assert.Equal(TaskEnqueueFailure.HostStopping, error.Reason);
        Assert.Equal(0, lateInvoked);
        var lateRun = Assert.Single(await runs.ListAsync(new TaskRunQuery { TaskId = late.Id }));
        Assert.Equal(TaskRunStatus.Canceled, lateRun.Status);
        Assert.Equal(TaskRunStatus.Completed, (await runs.GetAsync(running.RunId))!.Status);
    }

    [Fact]
    public async Task Disposing_the_container_synchronously_stops_the_backend_without_throwing()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddSchemaTasks().AddTask(task);
        var provider = services.BuildServiceProvider();
        var runs = provider.GetRequiredService<ITaskRuns>();
        var delayed = await provider.GetRequiredService<ITaskTrigger>().TriggerAsync(task, new TestPayload(1), new TriggerOptions { Delay = TimeSpan.FromHours(1) }, default);

        provider.Dispose();

        var run = await runs.GetAsync(delayed.RunId);
        Assert.Equal(TaskRunStatus.Canceled, run!.Status);
        Assert.Contains("host stopped", run.Error);
    }
}
