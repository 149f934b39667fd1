using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SchemaTasks.Backends;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Dispatch;

public sealed class TaskerFallbackTests
{
    [Fact]
    public async Task A_backend_error_becomes_a_TaskEnqueueException_on_trigger()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services => services.Replace(ServiceDescriptor.Singleton<ITaskBackend, ThrowingBackend>()), tasks: task);

        var error = await Assert.ThrowsAsync<TaskEnqueueException>(() => runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default));

        Assert.Equal(task.Id, error.TaskId);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task When_the_backend_is_down_the_tasker_logs_a_warning_and_runs_inline()
    {
        var invoked = 0;
        var task = TestTasks.Define((_, _, _, _) =>
        {
            Interlocked.Increment(ref invoked);
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(services => services.Replace(ServiceDescriptor.Singleton<ITaskBackend, ThrowingBackend>()), tasks: task);
        var tasker = CreateTasker(runtime, task);

        var handle = await tasker.RunAsync(new TestPayload(1));

        Assert.Equal(TaskRunMode.Sync, handle.Mode);
        Assert.Equal(1, invoked);
        Assert.Equal((1, 1), (tasker.TriggerCalls, tasker.SyncCalls));
        var warning = Assert.Single(runtime.Logs.WithId(1001));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(task.Id, warning.Message);
        Assert.IsType<TaskEnqueueException>(warning.Exception);
        Assert.Equal(TaskRunStatus.Completed, (await runtime.Runs.GetAsync(handle.RunId))!.Status);
    }

    [Fact]
    public async Task A_validation_failure_never_falls_back_to_sync()
    {
        var invoked = false;
        var task = TestTasks.Define((_, _, _, _) =>
        {
            invoked = true;
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(services =>
        {
            services.AddScoped<IValidator<TestPayload>, TestPayloadValidator>();
            services.Replace(ServiceDescriptor.Singleton<ITaskBackend, ThrowingBackend>());
        }, tasks: task);
        var tasker = CreateTasker(runtime, task);

        await Assert.ThrowsAsync<ValidationException>(() => tasker.RunAsync(new TestPayload(0)));

        Assert.False(invoked);
        Assert.Equal(0, tasker.SyncCalls);
        Assert.Empty(runtime.Logs.WithId(1001));
    }

    [Fact]
    public async Task Without_fallback_the_enqueue_failure_is_thrown()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(
            services => services.Replace(ServiceDescriptor.Singleton<ITaskBackend, ThrowingBackend>()),
            options => options.FallbackToSync = false,
            task);
        var tasker = CreateTasker(runtime, task);

        await Assert.ThrowsAsync<TaskEnqueueException>(() => tasker.RunAsync(new TestPayload(1)));

        Assert.Equal(0, tasker.SyncCalls);
    }

    [Fact]
    public async Task In_sync_mode_the_tasker_runs_inline_and_never_enqueues()
    {
        var backend = new RecordingBackend();
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(
            services => services.Replace(ServiceDescriptor.Singleton<ITaskBackend>(backend)),
            options => options.Mode = TaskRunMode.Sync,
            task);
        var tasker = CreateTasker(runtime, task);

        var handle = await tasker.RunAsync(new TestPayload(1));

        Assert.Equal(TaskRunMode.Sync, tasker.Mode);
        Assert.Equal(TaskRunMode.Sync, handle.Mode);
        Assert.Empty(backend.Requests);
        Assert.Equal(0, tasker.TriggerCalls);
        var run = await runtime.Runs.GetAsync(handle.RunId);
        Assert.Equal(TaskRunStatus.Completed, run!.Status);
        Assert.Equal(TaskRunMode.Sync, run.Mode);
    }

    [Fact]
    public async Task In_async_mode_the_tasker_enqueues()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(configure: options => options.Mode = TaskRunMode.Async, tasks: task);
        var tasker = CreateTasker(runtime, task);

        var handle = await tasker.RunAsync(new TestPayload(1));

        Assert.Equal(TaskRunMode.Async, handle.Mode);
        Assert.Equal((1, 0), (tasker.TriggerCalls, tasker.SyncCalls));
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handle)).Status);
    }

    private static TestTasker CreateTasker(TestRuntime runtime, TaskDefinition<TestPayload> task) =>
        new(runtime.Services.GetRequiredService<TaskerContext>(), runtime.Trigger, runtime.Sync, task);
}
