using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SchemaTasks.Backends;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Dispatch;

/// <summary>
/// <see cref="GeneratedTasker"/>, the base of every generated <c>&lt;Domain&gt;Tasker</c>: each generated method is one
/// non-generic <c>DispatchTaskAsync</c> call, which must dispatch exactly as <see cref="Tasker"/>'s delegate-based
/// dispatch does (mode, fallback, validation).
/// </summary>
public sealed class GeneratedTaskerTests
{
    [Fact]
    public async Task In_async_mode_it_enqueues_through_the_trigger()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(configure: options => options.Mode = TaskRunMode.Async, tasks: task);
        var (tasker, trigger, sync) = CreateTasker(runtime, task);

        var handle = await tasker.RunAsync(new TestPayload(1));

        Assert.Equal(TaskRunMode.Async, handle.Mode);
        Assert.Equal((1, 0), (trigger.Calls, sync.Calls));
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handle)).Status);
    }

    [Fact]
    public async Task In_sync_mode_it_runs_inline_and_never_enqueues()
    {
        var backend = new RecordingBackend();
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(
            services => services.Replace(ServiceDescriptor.Singleton<ITaskBackend>(backend)),
            options => options.Mode = TaskRunMode.Sync,
            task);
        var (tasker, trigger, sync) = CreateTasker(runtime, task);

        var handle = await tasker.RunAsync(new TestPayload(1));

        Assert.Equal(TaskRunMode.Sync, tasker.Mode);
        Assert.Equal(TaskRunMode.Sync, handle.Mode);
        Assert.Empty(backend.Requests);
        Assert.Equal((0, 1), (trigger.Calls, sync.Calls));
        Assert.Equal(TaskRunStatus.Completed, (await runtime.Runs.GetAsync(handle.RunId))!.Status);
    }

    [Fact]
    public async Task When_the_backend_is_down_it_logs_a_warning_and_runs_inline()
    {
        var invoked = 0;
        var task = TestTasks.Define((_, _, _, _) =>
        {
            Interlocked.Increment(ref invoked);
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(services => services.Replace(ServiceDescriptor.Singleton<ITaskBackend, ThrowingBackend>()), tasks: task);
        var (tasker, trigger, sync) = CreateTasker(runtime, task);

        var handle = await tasker.RunAsync(new TestPayload(1));

        Assert.Equal(TaskRunMode.Sync, handle.Mode);
        Assert.Equal(1, invoked);
        Assert.Equal((1, 1), (trigger.Calls, sync.Calls));
        var warning = Assert.Single(runtime.Logs.WithId(1001));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(task.Id, warning.Message);
        Assert.IsType<TaskEnqueueException>(warning.Exception);
    }

    [Fact]
    public async Task A_validation_failure_is_thrown_and_never_falls_back_to_sync()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services =>
        {
            services.AddScoped<IValidator<TestPayload>, TestPayloadValidator>();
            services.Replace(ServiceDescriptor.Singleton<ITaskBackend, ThrowingBackend>());
        }, tasks: task);
        var (tasker, _, sync) = CreateTasker(runtime, task);

        await Assert.ThrowsAsync<ValidationException>(() => tasker.RunAsync(new TestPayload(0)));

        Assert.Equal(0, sync.Calls);
        Assert.Empty(runtime.Logs.WithId(1001));
    }

    [Fact]
    public async Task A_missing_trigger_or_runner_is_refused_with_its_name()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var context = runtime.Services.GetRequiredService<TaskerContext>();

        Assert.Equal("trigger", Assert.Throws<ArgumentNullException>(() => new TestGeneratedTasker(context, null!, runtime.Sync, task)).ParamName);
        Assert.Equal("sync", Assert.Throws<ArgumentNullException>(() => new TestGeneratedTasker(context, runtime.Trigger, null!, task)).ParamName);
        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => new TestGeneratedTasker(null!, null!, null!, task)).ParamName);
    }

    private static (TestGeneratedTasker Tasker, CountingTrigger Trigger, CountingRunner Sync) CreateTasker(TestRuntime runtime, TaskDefinition<TestPayload> task)
    {
        var trigger = new CountingTrigger(runtime.Trigger);
        var sync = new CountingRunner(runtime.Sync);
        return (new TestGeneratedTasker(runtime.Services.GetRequiredService<TaskerContext>(), trigger, sync, task), trigger, sync);
    }

    // As the generator writes <Domain>Tasker, for one task.
    private sealed class TestGeneratedTasker(TaskerContext context, ITaskTrigger trigger, ISyncTaskRunner sync, TaskDefinition<TestPayload> task)
        : GeneratedTasker(context, trigger, sync)
    {
        public Task<TaskRunHandle> RunAsync(TestPayload payload, TriggerOptions? options = null, CancellationToken cancellationToken = default) =>
            DispatchTaskAsync(task, payload, options, cancellationToken);
    }

    private sealed class CountingTrigger(ITaskTrigger inner) : ITaskTrigger
    {
        public int Calls { get; private set; }

        public Task<TaskRunHandle> TriggerAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? options, CancellationToken cancellationToken)
            where TPayload : notnull
        {
            Calls++;
            return inner.TriggerAsync(task, payload, options, cancellationToken);
        }
    }

    private sealed class CountingRunner(ISyncTaskRunner inner) : ISyncTaskRunner
    {
        public int Calls { get; private set; }

        public Task<TaskRunHandle> RunAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? options, CancellationToken cancellationToken)
            where TPayload : notnull
        {
            Calls++;
            return inner.RunAsync(task, payload, options, cancellationToken);
        }
    }
}
