using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.RunControl;

/// <summary><see cref="ITaskRuns.ReplayAsync"/>: a new run of the same task with the stored payload, validated again.</summary>
public sealed class ReplayTests
{
    [Theory]
    [InlineData(TaskRunMode.Async)]
    [InlineData(TaskRunMode.Sync)]
    public async Task A_failed_run_is_replayed_with_its_payload_as_a_new_tagged_run(TaskRunMode mode)
    {
        var fixedUp = false;
        var received = new List<TestPayload>();
        var task = TestTasks.Define((_, payload, _, _) =>
        {
            lock (received)
            {
                received.Add(payload);
            }

            return fixedUp ? Task.CompletedTask : throw new InvalidOperationException("bug");
        }, retry: TestTasks.NoJitter(maxAttempts: 1));
        await using var runtime = TestRuntime.Create(configure: options => options.Mode = mode, tasks: task);

        var failedHandle = await runtime.Trigger.TriggerAsync(task, new TestPayload(7, "seven"), new TriggerOptions { Tags = ["tenant-1"] }, default);
        Assert.Equal(TaskRunStatus.Failed, (await runtime.CompletionAsync(failedHandle)).Status);
        fixedUp = true;
        var replay = await runtime.Runs.ReplayAsync(failedHandle.RunId);
        var run = await runtime.CompletionAsync(replay);

        Assert.NotEqual(failedHandle.RunId, replay.RunId);
        Assert.Equal(mode, replay.Mode);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(["tenant-1", "replay:" + failedHandle.RunId], run.Tags);
        Assert.Equal([new TestPayload(7, "seven"), new TestPayload(7, "seven")], received);
        Assert.Equal(TaskRunStatus.Failed, (await runtime.Runs.GetAsync(failedHandle.RunId))!.Status);
        Assert.Single(runtime.Logs.WithId(1216));
    }

    [Fact]
    public async Task A_payload_that_is_no_longer_valid_is_refused_and_nothing_is_stored()
    {
        var task = TestTasks.Define((_, _, _, _) => throw new InvalidOperationException("bug"), retry: TestTasks.NoJitter(maxAttempts: 1));
        var rules = new Switch();
        await using var runtime = TestRuntime.Create(services =>
        {
            services.AddSingleton(rules);
            services.AddScoped<IValidator<TestPayload>, SwitchValidator>();
        }, tasks: task);

        var failed = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.CompletionAsync(failed);
        rules.Valid = false;

        var error = await Assert.ThrowsAsync<ValidationException>(() => runtime.Runs.ReplayAsync(failed.RunId));
        Assert.Contains(task.Id, error.Message);
        Assert.Single(await runtime.Runs.ListAsync(new TaskRunQuery { TaskId = task.Id }));
    }

    [Fact]
    public async Task An_unknown_run_and_a_completed_run_whose_payload_is_not_kept_say_why_they_cannot_be_replayed()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);

        var completed = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.CompletionAsync(completed);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => runtime.Runs.ReplayAsync("run_unknown"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.Runs.ReplayAsync(completed.RunId));
        Assert.Contains("payload", error.Message);
        Assert.Contains(completed.RunId, error.Message);
    }

    public sealed class Switch
    {
        public bool Valid { get; set; } = true;
    }

    public sealed class SwitchValidator : AbstractValidator<TestPayload>
    {
        public SwitchValidator(Switch rules) => RuleFor(payload => payload.Value).Must(_ => rules.Valid).WithMessage("rules changed");
    }
}
