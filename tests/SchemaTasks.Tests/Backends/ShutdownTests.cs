using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Backends;

public sealed class ShutdownTests
{
    [Fact]
    public async Task An_attempt_that_finishes_within_the_shutdown_timeout_completes_and_no_new_run_is_taken()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define(async (_, _, _, _) =>
        {
            started.TrySetResult();
            await release.Task;
        });
        await using var runtime = TestRuntime.Create(tasks: task);
        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await started.Task.WaitAsync(TestRuntime.SafetyTimeout);

        var stop = runtime.Backend.StopAsync(CancellationToken.None);
        await Assert.ThrowsAsync<TaskEnqueueException>(() => runtime.Trigger.TriggerAsync(task, new TestPayload(2), null, default));
        Assert.False(stop.IsCompleted);
        release.SetResult();
        await stop.WaitAsync(TestRuntime.SafetyTimeout);

        Assert.Equal(TaskRunStatus.Completed, (await runtime.Runs.GetAsync(handle.RunId))!.Status);
    }

    [Fact]
    public async Task When_the_shutdown_timeout_passes_in_flight_attempts_are_cancelled_and_recorded_Canceled_with_the_reason()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define(async (_, payload, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }, queue: new QueueOptions(TestTasks.UniqueId("single"), 1), retry: TestTasks.NoJitter(maxAttempts: 5));
        await using var runtime = TestRuntime.Create(tasks: task);
        var inFlight = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await started.Task.WaitAsync(TestRuntime.SafetyTimeout);
        var queued = await runtime.Trigger.TriggerAsync(task, new TestPayload(2), null, default);
        var delayed = await runtime.Trigger.TriggerAsync(task, new TestPayload(3), new TriggerOptions { Delay = TimeSpan.FromHours(1) }, default);

        using var shutdownTimeout = new CancellationTokenSource();
        var stop = runtime.Backend.StopAsync(shutdownTimeout.Token);
        await shutdownTimeout.CancelAsync();
        await stop.WaitAsync(TestRuntime.SafetyTimeout);

        var canceled = await runtime.Runs.GetAsync(inFlight.RunId);
        Assert.Equal(TaskRunStatus.Canceled, canceled!.Status);
        Assert.Equal(1, canceled.Attempts);
        Assert.Contains("shutdown timeout", canceled.Error);
        var neverStarted = await runtime.Runs.GetAsync(queued.RunId);
        Assert.Equal(TaskRunStatus.Canceled, neverStarted!.Status);
        Assert.Equal(0, neverStarted.Attempts);
        Assert.Contains("before the run started", neverStarted.Error);
        Assert.Equal(TaskRunStatus.Canceled, (await runtime.Runs.GetAsync(delayed.RunId))!.Status);
        Assert.Single(runtime.Logs.WithId(1302));
    }

    [Fact]
    public async Task A_stop_reaches_every_unfinished_run_and_no_run_that_already_ended()
    {
        // The backend's set of unfinished runs is what a stop ends: every run queued behind a full queue, every delayed
        // run and the executing one are recorded Canceled; runs a user cancelled first keep their own ending.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define(
            async (_, _, _, ct) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            },
            queue: new QueueOptions("one-at-a-time", ConcurrencyLimit: 1));
        await using var runtime = TestRuntime.Create(tasks: task);
        var executing = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await started.Task.WaitAsync(TestRuntime.SafetyTimeout);
        var queued = new List<TaskRunHandle>();
        var delayed = new List<TaskRunHandle>();
        for (var i = 0; i < 300; i++)
        {
            queued.Add(await runtime.Trigger.TriggerAsync(task, new TestPayload(i + 2), null, default));
            delayed.Add(await runtime.Trigger.TriggerAsync(task, new TestPayload(i + 2), new TriggerOptions { Delay = TimeSpan.FromHours(1) }, default));
        }

        var userCanceled = new[] { queued[7], delayed[11], queued[299] };
        foreach (var handle in userCanceled)
        {
            await runtime.Runs.CancelAsync(handle.RunId, "not needed");
        }

        Assert.Equal(1 + 600 - userCanceled.Length, runtime.Backend.UnfinishedRuns);

        await runtime.Backend.StopAsync(new CancellationToken(canceled: true)).WaitAsync(TestRuntime.SafetyTimeout);

        foreach (var handle in queued.Concat(delayed).Append(executing))
        {
            var run = (await runtime.Runs.GetAsync(handle.RunId))!;
            Assert.Equal(TaskRunStatus.Canceled, run.Status);
            if (userCanceled.Contains(handle))
            {
                Assert.Equal("not needed", run.Error);
            }
            else
            {
                Assert.Contains("host stopped", run.Error);
            }
        }

        Assert.Equal(0, runtime.Backend.UnfinishedRuns);
        // The executing attempt recorded its own cancellation; the stop ended the 597 runs still waiting.
        Assert.Contains("597 run(s)", Assert.Single(runtime.Logs.WithId(1303)).Message);
    }

    [Fact]
    public async Task A_user_cancel_and_the_shutdown_timeout_reach_the_token_of_every_executing_attempt()
    {
        // The executor's table of executing attempts is how both reach an attempt's token: one run cancelled by a user
        // while 49 others execute, then every remaining one at the shutdown timeout.
        const int executing = 50;
        var entered = 0;
        var allEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stoppedByToken = 0;
        var task = TestTasks.Define(
            async (_, _, _, ct) =>
            {
                if (Interlocked.Increment(ref entered) == executing)
                {
                    allEntered.TrySetResult();
                }

                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref stoppedByToken);
                    throw;
                }
            },
            queue: new QueueOptions(TestTasks.UniqueId("wide"), executing));
        await using var runtime = TestRuntime.Create(tasks: task);
        var handles = new List<TaskRunHandle>();
        for (var i = 0; i < executing; i++)
        {
            handles.Add(await runtime.Trigger.TriggerAsync(task, new TestPayload(i + 1), null, default));
        }

        await allEntered.Task.WaitAsync(TestRuntime.SafetyTimeout);
        await runtime.Runs.CancelAsync(handles[17].RunId, "stopped by a user");
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref stoppedByToken) == 1, TestRuntime.SafetyTimeout));

        await runtime.Backend.StopAsync(new CancellationToken(canceled: true)).WaitAsync(TestRuntime.SafetyTimeout);

        Assert.Equal(executing, Volatile.Read(ref stoppedByToken));
        foreach (var handle in handles)
        {
            var run = (await runtime.Runs.GetAsync(handle.RunId))!;
            Assert.Equal(TaskRunStatus.Canceled, run.Status);
            Assert.Contains(handle == handles[17] ? "stopped by a user" : "shutdown timeout", run.Error);
        }
    }

    [Fact]
    public async Task A_run_waiting_for_its_retry_is_recorded_Canceled_on_stop()
    {
        var task = TestTasks.Define((_, _, _, _) => throw new InvalidOperationException("later"), retry: TestTasks.NoJitter(minTimeoutInMs: 60_000));
        await using var runtime = TestRuntime.Create(tasks: task);
        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Queued && run.Attempts == 1);

        await runtime.Backend.StopAsync(CancellationToken.None).WaitAsync(TestRuntime.SafetyTimeout);

        var run = await runtime.Runs.GetAsync(handle.RunId);
        Assert.Equal(TaskRunStatus.Canceled, run!.Status);
        Assert.Contains("next attempt", run.Error);
    }

    [Fact]
    public async Task Stopping_the_host_drains_the_in_process_backend()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define(async (_, _, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        builder.Services.AddSchemaTasks(options => options.Mode = TaskRunMode.Async).AddTask(task);
        using var host = builder.Build();
        await host.StartAsync();
        var handle = await host.Services.GetRequiredService<ITaskTrigger>().TriggerAsync(task, new TestPayload(1), null, default);
        await started.Task.WaitAsync(TestRuntime.SafetyTimeout);

        // An already-cancelled token: the shutdown timeout has passed.
        await host.StopAsync(new CancellationToken(canceled: true)).WaitAsync(TestRuntime.SafetyTimeout);

        var run = await host.Services.GetRequiredService<ITaskRuns>().GetAsync(handle.RunId);
        Assert.Equal(TaskRunStatus.Canceled, run!.Status);
    }

    [Fact]
    public async Task The_host_shutdown_timeout_is_the_grace_period_of_in_flight_attempts()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define(async (_, _, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        // The host itself turns this into the token its hosted services stop with: no token is passed below.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMilliseconds(50));
        builder.Services.AddSchemaTasks(options => options.Mode = TaskRunMode.Async).AddTask(task);
        using var host = builder.Build();
        await host.StartAsync();
        var handle = await host.Services.GetRequiredService<ITaskTrigger>().TriggerAsync(task, new TestPayload(1), null, default);
        await started.Task.WaitAsync(TestRuntime.SafetyTimeout);

        await host.StopAsync().WaitAsync(TestRuntime.SafetyTimeout);

        var run = await host.Services.GetRequiredService<ITaskRuns>().GetAsync(handle.RunId);
        Assert.Equal(TaskRunStatus.Canceled, run!.Status);
        Assert.Contains("shutdown timeout", run.Error);
    }
}
