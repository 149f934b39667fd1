using System.Collections.Concurrent;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Dispatch;

/// <summary>
/// Validators with only synchronous rules run through FluentValidation's <c>Validate</c> (cheaper than
/// <c>ValidateAsync</c>); validators with an async rule or condition, or that override <c>ValidateAsync</c>, still run
/// asynchronously and are still honoured on trigger and before every attempt, in both modes.
/// </summary>
public sealed class SynchronousValidationTests
{
    [Fact]
    public async Task A_validator_with_only_synchronous_rules_runs_synchronously_on_trigger_and_before_the_attempt()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, ModeRecordingValidator>(), tasks: task);
        var id = TestTasks.UniqueId("mode");

        await runtime.Sync.RunAsync(task, new TestPayload(1, id), null, default);
        await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(2, id), null, default));

        // The sync runner's door and attempt, then the trigger's door and the enqueued attempt: all four through Validate.
        Assert.Equal([false, false, false, false], ModeRecordingValidator.SeenFor(id));
    }

    [Fact]
    public async Task A_validator_with_a_MustAsync_rule_still_rejects_an_invalid_payload_on_trigger_and_on_the_sync_runner()
    {
        var task = TestTasks.Counting(out var invocations);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, MustAsyncValidator>(), tasks: task);

        var onTrigger = await Assert.ThrowsAsync<ValidationException>(() => runtime.Trigger.TriggerAsync(task, new TestPayload(-1), null, default));
        var onSync = await Assert.ThrowsAsync<ValidationException>(() => runtime.Sync.RunAsync(task, new TestPayload(-1), null, default));

        Assert.Equal("async rule says no", Assert.Single(onTrigger.Errors).ErrorMessage);
        Assert.Equal("async rule says no", Assert.Single(onSync.Errors).ErrorMessage);
        Assert.Equal(0, invocations.Count);
        Assert.Empty(await runtime.Runs.ListAsync(new TaskRunQuery()));
    }

    [Fact]
    public async Task A_MustAsync_rule_that_turns_false_after_the_trigger_fails_the_run_before_its_attempt_in_both_modes()
    {
        var task = TestTasks.Counting(out var invocations);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, ValidOnceAsyncValidator>(), tasks: task);
        var id = TestTasks.UniqueId("once");

        var enqueued = await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(1, id + "-async"), null, default));
        var inline = await Assert.ThrowsAsync<TaskRunFailedException>(() => runtime.Sync.RunAsync(task, new TestPayload(1, id + "-sync"), null, default));

        Assert.Equal(TaskRunStatus.Failed, enqueued.Status);
        Assert.Contains("valid only once", enqueued.Error);
        Assert.Equal(TaskRunStatus.Failed, inline.Run.Status);
        Assert.Contains("valid only once", inline.Run.Error);
        Assert.Equal(0, invocations.Count);
    }

    [Fact]
    public async Task A_WhenAsync_condition_is_honoured_on_the_sync_runner_and_before_the_attempt()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, WhenAsyncValidator>(), tasks: task);
        var id = TestTasks.UniqueId("when");

        var rejected = await Assert.ThrowsAsync<ValidationException>(() => runtime.Sync.RunAsync(task, new TestPayload(-1, id + "-checked"), null, default));
        // The async condition is false: the rule does not apply, and the same payload value passes.
        var handle = await runtime.Sync.RunAsync(task, new TestPayload(-1, id + "-unchecked"), null, default);

        Assert.Equal(nameof(TestPayload.Value), Assert.Single(rejected.Errors).PropertyName);
        Assert.Equal(TaskRunStatus.Completed, (await runtime.Runs.GetAsync(handle.RunId))!.Status);
        // Once per validation: the rejected payload at the door, the other at the door and before its attempt. A
        // validator tried synchronously first would have run the condition again before falling back to async.
        Assert.Equal(1, WhenAsyncValidator.ConditionCalls(id + "-checked"));
        Assert.Equal(2, WhenAsyncValidator.ConditionCalls(id + "-unchecked"));
    }

    [Theory]
    [InlineData(typeof(MustAsyncValidator))]
    [InlineData(typeof(WhenAsyncValidator))]
    [InlineData(typeof(CustomAsyncValidator))]
    [InlineData(typeof(DependentAsyncValidator))]
    [InlineData(typeof(AsyncChildValidator))]
    public async Task A_validator_with_an_async_rule_is_never_tried_synchronously_first(Type validatorType)
    {
        var triedSynchronously = 0;
        void OnFirstChance(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs args)
        {
            if (args.Exception is AsyncValidatorInvokedSynchronouslyException refused && refused.ValidatorType == validatorType)
            {
                Interlocked.Increment(ref triedSynchronously);
            }
        }

        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services => services.AddScoped(typeof(IValidator<TestPayload>), validatorType), tasks: task);
        AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
        try
        {
            // Valid for every one of them, and "-checked" makes WhenAsync's rule apply.
            var handle = await runtime.Sync.RunAsync(task, new TestPayload(1, TestTasks.UniqueId("never") + "-checked", [1]), null, default);
            Assert.Equal(TaskRunStatus.Completed, (await runtime.Runs.GetAsync(handle.RunId))!.Status);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= OnFirstChance;
        }

        Assert.Equal(0, triedSynchronously);
    }

    [Fact]
    public async Task A_WhereAsync_filter_that_the_rules_do_not_show_is_still_honoured_through_the_async_fallback()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, WhereAsyncValidator>(), tasks: task);

        // The filter leaves -1 out, so the payload is valid; FluentValidation refuses to run the filter synchronously.
        var handle = await runtime.Sync.RunAsync(task, new TestPayload(1, Items: [-1]), null, default);
        var rejected = await Assert.ThrowsAsync<ValidationException>(() => runtime.Sync.RunAsync(task, new TestPayload(1, Items: [-2]), null, default));
        var enqueued = await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(1, Items: [-1]), null, default));

        Assert.Equal(TaskRunStatus.Completed, (await runtime.Runs.GetAsync(handle.RunId))!.Status);
        Assert.Equal("Items[0]", Assert.Single(rejected.Errors).PropertyName);
        Assert.Equal(TaskRunStatus.Completed, enqueued.Status);
    }

    [Fact]
    public async Task A_validator_that_overrides_ValidateAsync_is_still_run_through_it()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, OverridingValidator>(), tasks: task);

        var onTrigger = await Assert.ThrowsAsync<ValidationException>(() => runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default));
        var onSync = await Assert.ThrowsAsync<ValidationException>(() => runtime.Sync.RunAsync(task, new TestPayload(1), null, default));

        Assert.Equal("the override says no", Assert.Single(onTrigger.Errors).ErrorMessage);
        Assert.Equal("the override says no", Assert.Single(onSync.Errors).ErrorMessage);
    }

    [Fact]
    public async Task Synchronous_and_asynchronous_validators_of_one_payload_report_every_error_in_registration_order()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services =>
        {
            services.AddScoped<IValidator<TestPayload>, TestPayloadValidator>();
            services.AddScoped<IValidator<TestPayload>, MustAsyncValidator>();
            services.AddScoped<IValidator<TestPayload>, SecondSynchronousValidator>();
        }, tasks: task);

        var error = await Assert.ThrowsAsync<ValidationException>(() => runtime.Sync.RunAsync(task, new TestPayload(-1, "invalid"), null, default));

        Assert.Equal(
            ["'Value' must be greater than '0'.", "'Name' must not be equal to 'invalid'.", "async rule says no", "second says no"],
            error.Errors.Select(failure => failure.ErrorMessage));
    }

    [Fact]
    public async Task A_cancelled_caller_stops_synchronous_validation_with_OperationCanceledException()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, TestPayloadValidator>(), tasks: task);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runtime.Sync.RunAsync(task, new TestPayload(1), null, new CancellationToken(canceled: true)));

        Assert.Empty(await runtime.Runs.ListAsync(new TaskRunQuery()));
    }

    public sealed class ModeRecordingValidator : AbstractValidator<TestPayload>
    {
        private static readonly ConcurrentDictionary<string, List<bool>> s_seen = new();

        public ModeRecordingValidator() => RuleFor(payload => payload).Custom((payload, context) =>
        {
            var seen = s_seen.GetOrAdd(payload.Name!, _ => []);
            lock (seen)
            {
                seen.Add(context.IsAsync);
            }
        });

        public static List<bool> SeenFor(string id) => s_seen.TryGetValue(id, out var seen) ? seen : [];
    }

    public sealed class MustAsyncValidator : AbstractValidator<TestPayload>
    {
        public MustAsyncValidator() => RuleFor(payload => payload.Value).MustAsync(async (value, cancellationToken) =>
        {
            await Task.Yield();
            return value > 0;
        }).WithMessage("async rule says no");
    }

    public sealed class ValidOnceAsyncValidator : AbstractValidator<TestPayload>
    {
        private static readonly ConcurrentDictionary<string, int> s_calls = new();

        public ValidOnceAsyncValidator() => RuleFor(payload => payload.Name).MustAsync(async (name, cancellationToken) =>
        {
            await Task.Yield();
            return s_calls.AddOrUpdate(name!, 1, (_, calls) => calls + 1) == 1;
        }).WithMessage("valid only once");
    }

    public sealed class WhenAsyncValidator : AbstractValidator<TestPayload>
    {
        private static readonly ConcurrentDictionary<string, int> s_conditionCalls = new();

        public WhenAsyncValidator() => RuleFor(payload => payload.Value).GreaterThan(0).WhenAsync(async (payload, cancellationToken) =>
        {
            s_conditionCalls.AddOrUpdate(payload.Name!, 1, (_, calls) => calls + 1);
            await Task.Yield();
            return payload.Name!.EndsWith("-checked", StringComparison.Ordinal);
        });

        public static int ConditionCalls(string name) => s_conditionCalls.GetValueOrDefault(name);
    }

    public sealed class CustomAsyncValidator : AbstractValidator<TestPayload>
    {
        public CustomAsyncValidator() => RuleFor(payload => payload.Value).CustomAsync(async (value, context, cancellationToken) =>
        {
            await Task.Yield();
            if (value <= 0)
            {
                context.AddFailure("custom async says no");
            }
        });
    }

    public sealed class DependentAsyncValidator : AbstractValidator<TestPayload>
    {
        public DependentAsyncValidator() => RuleFor(payload => payload.Value).GreaterThan(0).DependentRules(() =>
            RuleFor(payload => payload.Name).MustAsync(async (name, cancellationToken) =>
            {
                await Task.Yield();
                return name is not null;
            }));
    }

    public sealed class AsyncChildValidator : AbstractValidator<TestPayload>
    {
        public AsyncChildValidator() => RuleFor(payload => payload.Items).SetValidator(new ItemsValidator()!);

        private sealed class ItemsValidator : AbstractValidator<IReadOnlyList<int>>
        {
            public ItemsValidator() => RuleFor(items => items.Count).MustAsync(async (count, cancellationToken) =>
            {
                await Task.Yield();
                return count > 0;
            });
        }
    }

    public sealed class WhereAsyncValidator : AbstractValidator<TestPayload>
    {
        public WhereAsyncValidator() => RuleForEach(payload => payload.Items).WhereAsync(async item =>
        {
            await Task.Yield();
            return item != -1;
        }).GreaterThan(0);
    }

    public sealed class OverridingValidator : AbstractValidator<TestPayload>
    {
        public OverridingValidator() => RuleFor(payload => payload.Value).GreaterThan(0);

        public override async Task<ValidationResult> ValidateAsync(ValidationContext<TestPayload> context, CancellationToken cancellation = default)
        {
            var result = await base.ValidateAsync(context, cancellation);
            result.Errors.Add(new ValidationFailure(nameof(TestPayload.Value), "the override says no"));
            return result;
        }
    }

    public sealed class SecondSynchronousValidator : AbstractValidator<TestPayload>
    {
        public SecondSynchronousValidator() => RuleFor(payload => payload.Value).Must(value => value > 100).WithMessage("second says no");
    }
}
