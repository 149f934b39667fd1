using System.Diagnostics;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SchemaTasks.Diagnostics;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Diagnostics;

public sealed class PayloadLoggingTests
{
    private const string Secret = "s3cr3t-payload-value";

    // Out of InclusiveBetween's range, whose built-in message quotes it: "... You entered 987654321."
    private const int SecretValue = 987654321;

    [Fact]
    public async Task Payloads_are_never_logged_by_default()
    {
        var task = TestTasks.Define((_, _, context, _) => context.Attempt == 1 ? throw new InvalidOperationException("once") : Task.CompletedTask,
            retry: TestTasks.NoJitter(minTimeoutInMs: 0, maxTimeoutInMs: 0));
        await using var runtime = TestRuntime.Create(tasks: task);

        await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(1, Secret), null, default));

        Assert.NotEmpty(runtime.Logs.Entries);
        Assert.DoesNotContain(runtime.Logs.Entries, entry => entry.Message.Contains(Secret));
    }

    [Fact]
    public async Task Payloads_are_logged_at_debug_when_LogPayloads_is_set()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(configure: options => options.LogPayloads = true, tasks: task);

        await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(1, Secret), null, default));

        Assert.Contains(runtime.Logs.WithId(1103), entry => entry.Message.Contains(Secret));
    }

    [Fact]
    public async Task An_invalid_trigger_logs_property_names_and_error_codes_but_no_value_by_default()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, RangeValidator>(), tasks: task);

        await Assert.ThrowsAsync<ValidationException>(() => runtime.Trigger.TriggerAsync(task, new TestPayload(SecretValue, Secret), null, default));

        var invalid = Assert.Single(runtime.Logs.WithId(1102));
        Assert.Contains("Value: InclusiveBetweenValidator", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("Name: NotEqualValidator", invalid.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(runtime.Logs.Entries, entry => entry.Message.Contains($"{SecretValue}", StringComparison.Ordinal) || entry.Message.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_trigger_logs_the_validation_messages_when_LogPayloads_is_set()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, RangeValidator>(), options => options.LogPayloads = true, task);

        await Assert.ThrowsAsync<ValidationException>(() => runtime.Trigger.TriggerAsync(task, new TestPayload(SecretValue, Secret), null, default));

        var invalid = Assert.Single(runtime.Logs.WithId(1102));
        Assert.Contains($"You entered {SecretValue}", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_invalid_at_its_attempt_logs_no_value_by_default_but_the_run_error_keeps_the_messages()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(RegisterValidOnlyAtTrigger, tasks: task);

        var failed = await Assert.ThrowsAsync<TaskRunFailedException>(() => runtime.Sync.RunAsync(task, new TestPayload(SecretValue), null, default));

        var invalid = Assert.Single(runtime.Logs.WithId(1209));
        Assert.Equal(LogLevel.Error, invalid.Level);
        Assert.Contains("Value: InclusiveBetweenValidator", invalid.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(runtime.Logs.Entries, entry => entry.Message.Contains($"{SecretValue}", StringComparison.Ordinal));

        // The run's recorded error is state an operator reads through ITaskRuns (beside the stored payload), not a log.
        var run = await runtime.Runs.GetAsync(failed.Run.RunId);
        Assert.Contains($"You entered {SecretValue}", run!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_invalid_at_its_attempt_logs_the_validation_messages_when_LogPayloads_is_set()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(RegisterValidOnlyAtTrigger, options => options.LogPayloads = true, task);

        await Assert.ThrowsAsync<TaskRunFailedException>(() => runtime.Sync.RunAsync(task, new TestPayload(SecretValue), null, default));

        Assert.Contains($"You entered {SecretValue}", Assert.Single(runtime.Logs.WithId(1209)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TaskRunMode.Async)]
    [InlineData(TaskRunMode.Sync)]
    public async Task An_invalid_trigger_span_names_properties_and_error_codes_but_no_value_by_default(TaskRunMode mode)
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        using var spans = new SpanCapture(task.Id);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, RangeValidator>(), tasks: task);

        await Assert.ThrowsAsync<ValidationException>(() => TriggerAsync(runtime, mode, task, new TestPayload(SecretValue, Secret)));

        var trigger = Assert.Single(spans.Named(SchemaTasksTelemetry.TriggerActivityName));
        Assert.Equal(ActivityStatusCode.Error, trigger.Status);
        Assert.Contains("Value: InclusiveBetweenValidator", trigger.StatusDescription, StringComparison.Ordinal);
        Assert.DoesNotContain($"{SecretValue}", trigger.StatusDescription, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, trigger.StatusDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TaskRunMode.Async)]
    [InlineData(TaskRunMode.Sync)]
    public async Task An_invalid_trigger_span_carries_the_validation_messages_when_LogPayloads_is_set(TaskRunMode mode)
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        using var spans = new SpanCapture(task.Id);
        await using var runtime = TestRuntime.Create(services => services.AddScoped<IValidator<TestPayload>, RangeValidator>(), options => options.LogPayloads = true, task);

        await Assert.ThrowsAsync<ValidationException>(() => TriggerAsync(runtime, mode, task, new TestPayload(SecretValue, Secret)));

        var trigger = Assert.Single(spans.Named(SchemaTasksTelemetry.TriggerActivityName));
        Assert.Contains($"You entered {SecretValue}", trigger.StatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_invalid_at_its_attempt_leaves_no_value_in_the_attempt_span_by_default()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        using var spans = new SpanCapture(task.Id);
        await using var runtime = TestRuntime.Create(RegisterValidOnlyAtTrigger, tasks: task);

        await Assert.ThrowsAsync<TaskRunFailedException>(() => runtime.Sync.RunAsync(task, new TestPayload(SecretValue), null, default));

        var attempt = Assert.Single(spans.Named(SchemaTasksTelemetry.AttemptActivityName));
        Assert.Equal(ActivityStatusCode.Error, attempt.Status);
        Assert.Contains("Value: InclusiveBetweenValidator", attempt.StatusDescription, StringComparison.Ordinal);
        Assert.DoesNotContain($"{SecretValue}", attempt.StatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_invalid_at_its_attempt_puts_the_run_error_in_the_attempt_span_when_LogPayloads_is_set()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        using var spans = new SpanCapture(task.Id);
        await using var runtime = TestRuntime.Create(RegisterValidOnlyAtTrigger, options => options.LogPayloads = true, task);

        var failed = await Assert.ThrowsAsync<TaskRunFailedException>(() => runtime.Sync.RunAsync(task, new TestPayload(SecretValue), null, default));

        var attempt = Assert.Single(spans.Named(SchemaTasksTelemetry.AttemptActivityName));
        Assert.Contains($"You entered {SecretValue}", attempt.StatusDescription, StringComparison.Ordinal);
        Assert.Equal((await runtime.Runs.GetAsync(failed.Run.RunId))!.Error, attempt.StatusDescription);
    }

    [Fact]
    public async Task A_completed_run_is_logged_at_debug()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);

        // Inline, so that the run has been logged when it returns (a waiter on the store can wake before the log).
        await runtime.Sync.RunAsync(task, new TestPayload(1), null, default);

        Assert.Equal(LogLevel.Debug, Assert.Single(runtime.Logs.WithId(1201)).Level);
    }

    private static Task<TaskRunHandle> TriggerAsync(TestRuntime runtime, TaskRunMode mode, TaskDefinition<TestPayload> task, TestPayload payload) =>
        mode == TaskRunMode.Async
            ? runtime.Trigger.TriggerAsync(task, payload, null, default)
            : runtime.Sync.RunAsync(task, payload, null, default);

    private static void RegisterValidOnlyAtTrigger(IServiceCollection services)
    {
        services.AddSingleton<ValidationCount>();
        services.AddScoped<IValidator<TestPayload>, ValidOnlyAtTriggerValidator>();
    }

    public sealed class RangeValidator : AbstractValidator<TestPayload>
    {
        public RangeValidator()
        {
            RuleFor(payload => payload.Value).InclusiveBetween(1, 100);
            RuleFor(payload => payload.Name).NotEqual(Secret);
        }
    }

    public sealed class ValidationCount
    {
        private int _count;

        public int Next() => Interlocked.Increment(ref _count);
    }

    /// <summary>Passes the trigger's validation (the first) and fails the attempt's (every later one), as a payload that turned invalid.</summary>
    public sealed class ValidOnlyAtTriggerValidator : AbstractValidator<TestPayload>
    {
        public ValidOnlyAtTriggerValidator(ValidationCount count) =>
            RuleFor(payload => payload.Value).InclusiveBetween(1, 100).When(_ => count.Next() > 1);
    }
}
