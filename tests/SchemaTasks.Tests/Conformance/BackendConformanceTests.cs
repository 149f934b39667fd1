using System.Collections.Concurrent;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SchemaTasks.Backends;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Conformance;

/// <summary>
/// What every backend must do (SPEC §3-4), through public API only and in a started host, so that a durable
/// backend's test project can subclass it (linking this folder and Infrastructure/TestTasks.cs) and pass the
/// same tests: override <see cref="UseBackend"/> to register the backend. Retry delays are zero and no test
/// moves a clock, because a durable backend keeps its own time.
/// </summary>
public abstract class BackendConformanceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Registers the backend under test (after <c>AddSchemaTasks</c>).</summary>
    protected abstract void UseBackend(SchemaTasksBuilder builder);

    [Fact]
    public async Task A_triggered_run_completes_with_its_payload_round_tripped()
    {
        var received = new TaskCompletionSource<TestPayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define((_, payload, _, _) =>
        {
            received.TrySetResult(payload);
            return Task.CompletedTask;
        });
        await using var host = await StartAsync(tasks: task);

        var handle = await host.Trigger.TriggerAsync(task, new TestPayload(3, "name", [1, 2]), null, default);
        var run = await host.Runs.WaitForCompletionAsync(handle.RunId, Wait);

        Assert.Equal(TaskRunMode.Async, handle.Mode);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(1, run.Attempts);
        var payload = await received.Task;
        Assert.Equal((3, "name"), (payload.Value, payload.Name));
        Assert.Equal([1, 2], payload.Items);
    }

    [Fact]
    public async Task Failed_attempts_retry_up_to_max_attempts_then_the_run_fails_with_the_last_error()
    {
        var task = TestTasks.Define((_, _, context, _) => throw new InvalidOperationException($"attempt {context.Attempt}"),
            retry: TestTasks.NoJitter(maxAttempts: 3, minTimeoutInMs: 0, maxTimeoutInMs: 0));
        await using var host = await StartAsync(tasks: task);

        var run = await host.Runs.WaitForCompletionAsync((await host.Trigger.TriggerAsync(task, new TestPayload(1), null, default)).RunId, Wait);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(3, run.Attempts);
        Assert.Contains("attempt 3", run.Error);
    }

    [Fact]
    public async Task Abort_fails_without_retry_and_out_of_memory_steps_up_once()
    {
        var aborting = TestTasks.Define((_, _, _, _) => throw new AbortTaskRunException("abort"), retry: TestTasks.NoJitter(maxAttempts: 5, minTimeoutInMs: 0, maxTimeoutInMs: 0));
        var hungry = TestTasks.Define((_, _, context, _) => context.Machine == Machine.Small1x ? throw new OutOfMemoryException() : Task.CompletedTask,
            retry: TestTasks.NoJitter(maxAttempts: 5, minTimeoutInMs: 0, maxTimeoutInMs: 0, outOfMemoryMachine: Machine.Medium2x));
        await using var host = await StartAsync(tasks: [aborting, hungry]);

        var aborted = await host.Runs.WaitForCompletionAsync((await host.Trigger.TriggerAsync(aborting, new TestPayload(1), null, default)).RunId, Wait);
        var stepped = await host.Runs.WaitForCompletionAsync((await host.Trigger.TriggerAsync(hungry, new TestPayload(1), null, default)).RunId, Wait);

        Assert.Equal((TaskRunStatus.Failed, 1), (aborted.Status, aborted.Attempts));
        Assert.Equal((TaskRunStatus.Completed, 2, Machine.Medium2x), (stepped.Status, stepped.Attempts, stepped.Machine));
    }

    [Fact]
    public async Task Unreadable_payloads_and_unknown_tasks_fail_their_run_and_the_worker_goes_on()
    {
        var registered = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        var unregistered = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var host = await StartAsync(tasks: registered);
        var backend = host.Services.GetRequiredService<ITaskBackend>();

        var corrupt = await backend.EnqueueAsync(new TaskRunRequest(registered, "{ not json", new TriggerOptions()), default);
        var orphan = await backend.EnqueueAsync(new TaskRunRequest(unregistered, "{\"value\":1}", new TriggerOptions()), default);
        var good = await host.Trigger.TriggerAsync(registered, new TestPayload(1), null, default);

        Assert.Equal(TaskRunStatus.Failed, (await host.Runs.WaitForCompletionAsync(corrupt.RunId, Wait)).Status);
        Assert.Contains(unregistered.Id, (await host.Runs.WaitForCompletionAsync(orphan.RunId, Wait)).Error);
        Assert.Equal(TaskRunStatus.Completed, (await host.Runs.WaitForCompletionAsync(good.RunId, Wait)).Status);
    }

    [Fact]
    public async Task A_payload_invalid_at_run_time_fails_without_retry()
    {
        var attempts = 0;
        var task = TestTasks.Define((services, _, _, _) =>
        {
            Interlocked.Increment(ref attempts);
            services.GetRequiredService<RunTimeSwitch>().Valid = false;
            throw new InvalidOperationException("transient");
        }, retry: TestTasks.NoJitter(maxAttempts: 5, minTimeoutInMs: 0, maxTimeoutInMs: 0));
        await using var host = await StartAsync(services =>
        {
            services.AddSingleton<RunTimeSwitch>();
            services.AddScoped<IValidator<TestPayload>, RunTimeSwitchValidator>();
        }, task);

        var run = await host.Runs.WaitForCompletionAsync((await host.Trigger.TriggerAsync(task, new TestPayload(1), null, default)).RunId, Wait);

        Assert.Equal((TaskRunStatus.Failed, 2), (run.Status, run.Attempts));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Idempotency_keys_tags_and_the_machine_override_are_honoured()
    {
        var machines = new ConcurrentQueue<Machine>();
        var task = TestTasks.Define((_, _, context, _) =>
        {
            machines.Enqueue(context.Machine);
            return Task.CompletedTask;
        });
        await using var host = await StartAsync(tasks: task);
        var tag = TestTasks.UniqueId("tag");
        var options = new TriggerOptions { IdempotencyKey = "k", Tags = [tag], Machine = Machine.Large1x };

        var first = await host.Trigger.TriggerAsync(task, new TestPayload(1), options, default);
        var repeat = await host.Trigger.TriggerAsync(task, new TestPayload(1), options, default);
        var run = await host.Runs.WaitForCompletionAsync(first.RunId, Wait);

        Assert.Equal(first.RunId, repeat.RunId);
        Assert.Equal([tag], run.Tags);
        Assert.Equal(Machine.Large1x, run.Machine);
        Assert.Equal([Machine.Large1x], machines);
        Assert.Equal(first.RunId, Assert.Single(await host.Runs.ListAsync(new TaskRunQuery { Tag = tag })).RunId);
    }

    private static readonly AsyncLocal<string?> Ambient = new();

    [Fact]
    public async Task Attempts_never_see_the_ambient_values_of_a_trigger()
    {
        var seen = new ConcurrentBag<string?>();
        var task = TestTasks.Define((_, _, _, _) =>
        {
            seen.Add(Ambient.Value);
            return Task.CompletedTask;
        });
        await using var host = await StartAsync(tasks: task);

        foreach (var tenant in new[] { "A", "B" })
        {
            var handle = await Task.Run(async () =>
            {
                Ambient.Value = tenant;
                return await host.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
            });
            await host.Runs.WaitForCompletionAsync(handle.RunId, Wait);
        }

        Assert.Equal([null, null], seen);
    }

    [Fact]
    public async Task A_scoped_service_that_fails_to_dispose_does_not_change_the_status_the_attempt_earned()
    {
        var task = TestTasks.Define((services, _, _, _) =>
        {
            services.GetRequiredService<ThrowsOnDispose>();
            return Task.CompletedTask;
        });
        await using var host = await StartAsync(services => services.AddScoped<ThrowsOnDispose>(), task);

        var keyed = new TriggerOptions { IdempotencyKey = "dispose" };
        var handle = await host.Trigger.TriggerAsync(task, new TestPayload(1), keyed, default);
        var run = await host.Runs.WaitForCompletionAsync(handle.RunId, Wait);

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(handle.RunId, (await host.Trigger.TriggerAsync(task, new TestPayload(1), keyed, default)).RunId);
    }

    [Fact]
    public async Task A_trigger_after_the_host_stopped_fails_and_is_never_run_inline()
    {
        var task = TestTasks.Counting(out var invocations);
        var host = await StartAsync(tasks: task);
        var trigger = host.Trigger;
        await host.DisposeAsync();

        var error = await Assert.ThrowsAsync<TaskEnqueueException>(() => trigger.TriggerAsync(task, new TestPayload(1), null, default));

        Assert.Equal(TaskEnqueueFailure.HostStopping, error.Reason);
        Assert.Equal(0, invocations.Count);
    }

    [Fact]
    public async Task Cancel_ends_a_delayed_run_at_once_and_an_executing_one_through_its_token_and_both_keep_their_keys()
    {
        var observed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define(async (_, _, _, ct) =>
        {
            executing.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            finally
            {
                observed.TrySetResult();
            }
        }, retry: TestTasks.NoJitter(maxAttempts: 5, minTimeoutInMs: 0, maxTimeoutInMs: 0));
        await using var host = await StartAsync(tasks: task);

        var delayedOptions = new TriggerOptions { IdempotencyKey = "delayed", Delay = TimeSpan.FromDays(1) };
        var delayed = await host.Trigger.TriggerAsync(task, new TestPayload(1), delayedOptions, default);
        var canceledDelayed = await host.Runs.CancelAsync(delayed.RunId, "not needed");
        var running = await host.Trigger.TriggerAsync(task, new TestPayload(2), new TriggerOptions { IdempotencyKey = "running" }, default);
        await executing.Task.WaitAsync(Wait);
        await host.Runs.CancelAsync(running.RunId, "operator stop");
        await observed.Task.WaitAsync(Wait);
        var canceledRunning = await host.Runs.WaitForCompletionAsync(running.RunId, Wait);

        Assert.Equal((TaskRunStatus.Canceled, "not needed"), (canceledDelayed!.Status, canceledDelayed.Error));
        Assert.Equal((TaskRunStatus.Canceled, "operator stop", 1), (canceledRunning.Status, canceledRunning.Error, canceledRunning.Attempts));
        Assert.Equal(delayed.RunId, (await host.Trigger.TriggerAsync(task, new TestPayload(1), delayedOptions, default)).RunId);
        Assert.Equal(running.RunId, (await host.Trigger.TriggerAsync(task, new TestPayload(2), new TriggerOptions { IdempotencyKey = "running" }, default)).RunId);
    }

    [Fact]
    public async Task Replay_runs_a_failed_run_again_and_reschedule_moves_a_delayed_run()
    {
        var failing = true;
        var task = TestTasks.Define((_, _, _, _) => failing ? throw new InvalidOperationException("bug") : Task.CompletedTask,
            retry: TestTasks.NoJitter(maxAttempts: 1));
        await using var host = await StartAsync(tasks: task);

        var failed = await host.Runs.WaitForCompletionAsync((await host.Trigger.TriggerAsync(task, new TestPayload(4), null, default)).RunId, Wait);
        failing = false;
        var replay = await host.Runs.WaitForCompletionAsync((await host.Runs.ReplayAsync(failed.RunId)).RunId, Wait);
        var delayed = await host.Trigger.TriggerAsync(task, new TestPayload(5), new TriggerOptions { Delay = TimeSpan.FromDays(1) }, default);
        await host.Runs.RescheduleAsync(delayed.RunId, TimeSpan.Zero);
        var rescheduled = await host.Runs.WaitForCompletionAsync(delayed.RunId, Wait);

        Assert.Equal(TaskRunStatus.Failed, failed.Status);
        Assert.Equal(TaskRunStatus.Completed, replay.Status);
        Assert.Contains("replay:" + failed.RunId, replay.Tags);
        Assert.Equal(TaskRunStatus.Completed, rescheduled.Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Runs.RescheduleAsync(delayed.RunId, TimeSpan.Zero));
    }

    [Fact]
    public async Task An_attempt_past_its_max_duration_ends_the_run_TimedOut_without_retry()
    {
        var task = TestTasks.Define((_, _, _, ct) => Task.Delay(Timeout.InfiniteTimeSpan, ct),
            retry: TestTasks.NoJitter(maxAttempts: 3, minTimeoutInMs: 0, maxTimeoutInMs: 0));
        await using var host = await StartAsync(tasks: task);

        var handle = await host.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { MaxDuration = TimeSpan.FromSeconds(1) }, default);
        var run = await host.Runs.WaitForCompletionAsync(handle.RunId, Wait);

        Assert.Equal(TaskRunStatus.TimedOut, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(1), run.MaxDuration);
    }

    [Fact]
    public async Task A_queue_never_runs_more_than_its_limit_per_key_or_in_total()
    {
        var gate = new object();
        var running = 0;
        var maxRunning = 0;
        var task = TestTasks.Define(async (_, payload, _, _) =>
        {
            var now = Interlocked.Increment(ref running);
            lock (gate)
            {
                maxRunning = Math.Max(maxRunning, now);
            }

            for (var i = 0; i < payload.Value % 4; i++)
            {
                await Task.Yield();
            }

            Interlocked.Decrement(ref running);
        }, queue: new QueueOptions(TestTasks.UniqueId("conformance"), 2, TotalConcurrencyLimit: 3));
        await using var host = await StartAsync(tasks: task);

        var handles = new List<TaskRunHandle>();
        for (var i = 0; i < 200; i++)
        {
            handles.Add(await host.Trigger.TriggerAsync(task, new TestPayload(i), new TriggerOptions { ConcurrencyKey = $"k{i % 4}" }, default));
        }

        foreach (var handle in handles)
        {
            Assert.Equal(TaskRunStatus.Completed, (await host.Runs.WaitForCompletionAsync(handle.RunId, Wait)).Status);
        }

        Assert.InRange(maxRunning, 1, 3);
    }

    private async Task<ConformanceHost> StartAsync(Action<IServiceCollection>? configureServices = null, params TaskDefinition[] tasks)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var schemaTasks = builder.Services.AddSchemaTasks(options => options.Mode = TaskRunMode.Async);
        foreach (var task in tasks)
        {
            schemaTasks.AddTask(task);
        }

        UseBackend(schemaTasks);
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new ConformanceHost(host);
    }

    public sealed class ThrowsOnDispose : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => throw new InvalidOperationException("a scoped service failed to dispose");
    }

    /// <summary>A singleton the task flips, so that the payload turns invalid between attempts.</summary>
    public sealed class RunTimeSwitch
    {
        public bool Valid { get; set; } = true;
    }

    public sealed class RunTimeSwitchValidator : AbstractValidator<TestPayload>
    {
        public RunTimeSwitchValidator(RunTimeSwitch state) => RuleFor(payload => payload).Must(_ => state.Valid).WithMessage("the switch is off");
    }

    private sealed class ConformanceHost(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public ITaskTrigger Trigger => host.Services.GetRequiredService<ITaskTrigger>();

        public ITaskRuns Runs => host.Services.GetRequiredService<ITaskRuns>();

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}

/// <summary>The default backend passes the conformance suite.</summary>
public sealed class InProcessBackendConformanceTests : BackendConformanceTests
{
    protected override void UseBackend(SchemaTasksBuilder builder)
    {
        // The in-process backend is the default: nothing to register.
    }
}
