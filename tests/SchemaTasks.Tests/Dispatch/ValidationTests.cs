using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SchemaTasks.Backends;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Dispatch;

public sealed class ValidationTests
{
    [Fact]
    public async Task An_invalid_payload_throws_on_trigger_with_every_error_and_nothing_is_enqueued()
    {
        var backend = new RecordingBackend();
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services =>
        {
            services.AddScoped<IValidator<TestPayload>, TestPayloadValidator>();
            services.AddScoped<IValidator<TestPayload>, SecondValidator>();
            services.Replace(ServiceDescriptor.Singleton<ITaskBackend>(backend));
        }, tasks: task);

        var error = await Assert.ThrowsAsync<ValidationException>(() => runtime.Trigger.TriggerAsync(task, new TestPayload(0, "invalid"), null, default));

        Assert.Equal(3, error.Errors.Count());
        Assert.Contains(error.Errors, failure => failure.PropertyName == nameof(TestPayload.Value));
        Assert.Contains(error.Errors, failure => failure.PropertyName == nameof(TestPayload.Name));
        Assert.Contains(error.Errors, failure => failure.ErrorMessage == "second validator says no");
        Assert.Empty(backend.Requests);
        Assert.Empty(await runtime.Runs.ListAsync(new TaskRunQuery()));
    }

    [Fact]
    public async Task An_invalid_payload_throws_on_the_sync_runner_and_nothing_runs_or_is_recorded()
    {
        var invoked = false;
        var task = TestTasks.Define((_, _, _, _) =>
        {
            invoked = true;
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, TestPayloadValidator>(), tasks: task);

        await Assert.ThrowsAsync<ValidationException>(() => runtime.Sync.RunAsync(task, new TestPayload(-1), null, default));

        Assert.False(invoked);
        Assert.Empty(await runtime.Runs.ListAsync(new TaskRunQuery()));
    }

    [Fact]
    public async Task A_payload_that_turns_invalid_before_a_retry_fails_the_run_without_retrying()
    {
        var attempts = 0;
        var task = TestTasks.Define((services, _, _, _) =>
        {
            Interlocked.Increment(ref attempts);
            services.GetRequiredService<Switch>().Valid = false;
            throw new InvalidOperationException("transient");
        }, retry: TestTasks.NoJitter(maxAttempts: 5, minTimeoutInMs: 0, maxTimeoutInMs: 0));
        await using var runtime = TestRuntime.Create(services =>
        {
            services.AddSingleton<Switch>();
            services.AddScoped<IValidator<TestPayload>, SwitchValidator>();
        }, tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(2, run.Attempts);
        Assert.Equal(1, attempts);
        Assert.Contains("is invalid", run.Error);
        Assert.Contains("the switch is off", run.Error);
    }

    [Fact]
    public async Task A_validator_without_dependencies_is_built_once_and_still_runs_on_trigger_and_before_every_attempt()
    {
        CountingValidator.Reset();
        var task = TestTasks.Define((_, _, context, _) =>
            context.Attempt < 3 ? throw new InvalidOperationException("transient") : Task.CompletedTask,
            retry: TestTasks.NoJitter(maxAttempts: 5, minTimeoutInMs: 0, maxTimeoutInMs: 0));
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, CountingValidator>(), tasks: task);

        var first = await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default));
        var second = await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(2), null, default));

        Assert.Equal((TaskRunStatus.Completed, 3), (first.Status, first.Attempts));
        Assert.Equal((TaskRunStatus.Completed, 3), (second.Status, second.Attempts));
        // Two triggers and six attempts, each validated; one validator built for all of them.
        Assert.Equal(8, CountingValidator.Validations);
        Assert.Equal(1, CountingValidator.Constructions);
    }

    [Fact]
    public async Task A_validator_with_a_scoped_dependency_sees_the_attempts_own_scope()
    {
        var seenByValidator = new List<Guid>();
        var seenByTask = new List<Guid>();
        var task = TestTasks.Define((services, _, _, _) =>
        {
            lock (seenByTask)
            {
                seenByTask.Add(services.GetRequiredService<ScopeStamp>().Id);
            }

            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(services =>
        {
            services.AddScoped<ScopeStamp>();
            services.AddSingleton(seenByValidator);
            services.AddScoped<IValidator<TestPayload>, ScopeRecordingValidator>();
        }, tasks: task);

        var run = await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default));

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        // At the door (its own scope), then before the attempt, in the scope the task runs in.
        Assert.Equal(2, seenByValidator.Count);
        Assert.NotEqual(seenByValidator[0], seenByValidator[1]);
        Assert.Equal(seenByTask.Single(), seenByValidator[1]);
    }

    public sealed class ScopeStamp
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    public sealed class ScopeRecordingValidator : AbstractValidator<TestPayload>
    {
        public ScopeRecordingValidator(ScopeStamp stamp, List<Guid> seen) => RuleFor(payload => payload).Must(_ =>
        {
            lock (seen)
            {
                seen.Add(stamp.Id);
            }

            return true;
        });
    }

    public sealed class CountingValidator : AbstractValidator<TestPayload>
    {
        private static int s_constructions;
        private static int s_validations;

        public CountingValidator()
        {
            Interlocked.Increment(ref s_constructions);
            RuleFor(payload => payload).Must(_ => Interlocked.Increment(ref s_validations) > 0);
        }

        public static int Constructions => Volatile.Read(ref s_constructions);

        public static int Validations => Volatile.Read(ref s_validations);

        public static void Reset()
        {
            Volatile.Write(ref s_constructions, 0);
            Volatile.Write(ref s_validations, 0);
        }
    }

    public sealed class Switch
    {
        public bool Valid { get; set; } = true;
    }

    public sealed class SwitchValidator : AbstractValidator<TestPayload>
    {
        public SwitchValidator(Switch state) => RuleFor(payload => payload).Must(_ => state.Valid).WithMessage("the switch is off");
    }

    public sealed class SecondValidator : AbstractValidator<TestPayload>
    {
        public SecondValidator() => RuleFor(payload => payload.Value).Must(value => value > 100).WithMessage("second validator says no");
    }
}

/// <summary>A backend that only records what it was given.</summary>
public sealed class RecordingBackend : ITaskBackend
{
    public List<TaskRunRequest> Requests { get; } = [];

    public ValueTask<TaskRunHandle> EnqueueAsync(TaskRunRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return ValueTask.FromResult(new TaskRunHandle("run_recorded", request.Task.Id, TaskRunMode.Async));
    }
}

/// <summary>A backend that is down.</summary>
public sealed class ThrowingBackend : ITaskBackend
{
    public ValueTask<TaskRunHandle> EnqueueAsync(TaskRunRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the database is down");
}
