using SchemaTasks.Analyzers.Tests.CodeFixes;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.CancellationTokenMissingOrUnusedAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0108: a task method that takes no CancellationToken, or never uses the one it takes.</summary>
public sealed class STK0108Tests
{
    [Fact]
    public async Task A_task_without_a_token_is_reported_on_the_method_name()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task {|STK0108:RunAsync|}(PingPayload payload) => Task.CompletedTask;

                [ScheduledTask("ping.schedule", Cron = "0 * * * *", Config = typeof(PingTaskConfig))]
                public Task {|STK0108:ScheduleAsync|}(ScheduledRun run) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_token_that_is_never_referenced_is_reported_on_the_parameter()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public async Task RunAsync(PingPayload payload, CancellationToken {|STK0108:cancellationToken|})
                {
                    await Task.Delay(10);
                }
            }
            """));
    }

    [Fact]
    public async Task A_token_passed_on_or_used_in_a_lambda_is_used()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.Delay(10, cancellationToken);

                [SchemaTask("ping.other", Config = typeof(PingTaskConfig))]
                public async Task OtherAsync(PingPayload payload, CancellationToken ct)
                {
                    Func<Task> later = () => Task.Delay(10, ct);
                    await later();
                }

                public Task NotATaskAsync(PingPayload payload) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_same_named_field_named_argument_type_or_inner_parameter_is_not_a_use_of_the_token()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                private readonly CancellationToken cancellationToken = default;

                [SchemaTask("ping.field", Config = typeof(PingTaskConfig))]
                public Task FieldAsync(PingPayload payload, CancellationToken {|STK0108:cancellationToken|})
                {
                    this.cancellationToken.ThrowIfCancellationRequested();
                    return Task.CompletedTask;
                }

                [SchemaTask("ping.named", Config = typeof(PingTaskConfig))]
                public Task NamedAsync(PingPayload payload, CancellationToken {|STK0108:cancellationToken|}) =>
                    Task.Run(() => { }, cancellationToken: default);

                [SchemaTask("ping.type", Config = typeof(PingTaskConfig))]
                public Task TypeAsync(PingPayload payload, CancellationToken {|STK0108:CancellationToken|}) =>
                    Task.Delay(1, CancellationToken.None);

                [SchemaTask("ping.inner", Config = typeof(PingTaskConfig))]
                public Task InnerAsync(PingPayload payload, CancellationToken {|STK0108:cancellationToken|})
                {
                    return Run(default);

                    static Task Run(CancellationToken cancellationToken) => Task.Delay(1, cancellationToken);
                }

                [SchemaTask("ping.receiver", Config = typeof(PingTaskConfig))]
                public Task ReceiverAsync(PingPayload payload, CancellationToken cancellationToken)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return Task.CompletedTask;
                }
            }
            """));
    }

    [Fact]
    public async Task A_method_without_a_body_is_only_checked_for_a_missing_token()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public abstract class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public abstract Task RunAsync(PingPayload payload, CancellationToken cancellationToken);
            }
            """));
    }

    [Fact]
    public async Task A_partial_task_whose_implementation_carries_the_attribute_is_reported_on_the_implementation_parameter()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed partial class PingTaskService
            {
                public partial Task RunAsync(PingPayload payload, CancellationToken cancellationToken);

                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public partial async Task RunAsync(PingPayload payload, CancellationToken {|STK0108:cancellationToken|})
                {
                    await Task.Delay(10);
                }
            }
            """));
    }

    [Fact]
    public async Task A_partial_task_whose_definition_carries_the_attribute_is_reported_once_on_the_definition_name()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed partial class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public partial Task {|STK0108:RunAsync|}(PingPayload payload);

                public partial Task RunAsync(PingPayload payload) => Task.CompletedTask;
            }
            """));
    }
}
