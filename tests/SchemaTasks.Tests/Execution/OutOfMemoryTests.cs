using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Execution;

public sealed class OutOfMemoryTests
{
    [Fact]
    public async Task Out_of_memory_retries_once_on_the_bigger_machine()
    {
        var machines = new List<Machine>();
        var task = TestTasks.Define((_, _, context, _) =>
        {
            lock (machines)
            {
                machines.Add(context.Machine);
            }

            return context.Machine == Machine.Small1x ? throw new OutOfMemoryException() : Task.CompletedTask;
        }, machine: Machine.Small1x, retry: TestTasks.NoJitter(minTimeoutInMs: 0, maxTimeoutInMs: 0, outOfMemoryMachine: Machine.Medium1x));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal([Machine.Small1x, Machine.Medium1x], machines);
        Assert.Equal(Machine.Medium1x, run.Machine);
        Assert.Equal(2, run.Attempts);
    }

    [Fact]
    public async Task Out_of_memory_on_the_bigger_machine_fails_without_a_further_step()
    {
        var task = TestTasks.Define((_, _, _, _) => throw new InsufficientMemoryException("still too big"),
            machine: Machine.Small2x, retry: TestTasks.NoJitter(maxAttempts: 5, minTimeoutInMs: 0, maxTimeoutInMs: 0, outOfMemoryMachine: Machine.Medium1x));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(2, run.Attempts);
        Assert.Equal(Machine.Medium1x, run.Machine);
    }

    [Fact]
    public async Task Out_of_memory_without_an_oom_machine_fails_the_run()
    {
        var task = TestTasks.Define((_, _, _, _) => throw new OutOfMemoryException(), retry: TestTasks.NoJitter(maxAttempts: 5));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(1, run.Attempts);
    }

    [Fact]
    public async Task Out_of_memory_when_the_oom_machine_is_the_current_machine_fails_the_run()
    {
        var task = TestTasks.Define((_, _, _, _) => throw new OutOfMemoryException(),
            machine: Machine.Medium1x, retry: TestTasks.NoJitter(maxAttempts: 5, outOfMemoryMachine: Machine.Medium1x));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(1, run.Attempts);
    }

    [Fact]
    public async Task Out_of_memory_when_no_attempt_remains_fails_the_run()
    {
        var task = TestTasks.Define((_, _, _, _) => throw new OutOfMemoryException(),
            retry: TestTasks.NoJitter(maxAttempts: 1, outOfMemoryMachine: Machine.Large1x));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(Machine.Small1x, run.Machine);
    }
}
