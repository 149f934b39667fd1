using SchemaTasks.Analyzers.Tests.CodeFixes;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.MissingValidatorAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0104: a payload without an AbstractValidator in the compilation.</summary>
public sealed class STK0104Tests
{
    [Fact]
    public async Task A_payload_without_a_validator_is_reported_on_the_payload_type()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed record OrderPayload(int OrderId);

            public sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship", Config = typeof(PingTaskConfig))]
                public Task ShipAsync({|STK0104:OrderPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("orders.ping", Config = typeof(PingTaskConfig))]
                public Task PingAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_validator_that_is_abstract_or_generic_does_not_count_but_a_derived_one_does()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed record OrderPayload(int OrderId);
            public sealed record RefundPayload(int OrderId);

            public abstract class OrderPayloadValidatorBase : AbstractValidator<OrderPayload>;
            public sealed class OpenValidator<T> : AbstractValidator<RefundPayload>;

            public abstract class BaseValidator<T> : AbstractValidator<T>;
            public sealed class RefundPayloadValidator2 : BaseValidator<PingPayload>;

            public sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship", Config = typeof(PingTaskConfig))]
                public Task ShipAsync({|STK0104:OrderPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("orders.refund", Config = typeof(PingTaskConfig))]
                public Task RefundAsync({|STK0104:RefundPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_scheduled_task_is_not_checked()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [ScheduledTask("ping.schedule", Cron = "0 * * * *", Config = typeof(PingTaskConfig))]
                public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_validator_in_another_file_or_namespace_counts()
    {
        await Verify.VerifyAnalyzerAsync(
            [
                TaskSource.WithConfig("""

                    public sealed record OrderPayload(int OrderId);

                    public sealed class OrdersTaskService
                    {
                        [SchemaTask("orders.ship", Config = typeof(PingTaskConfig))]
                        public Task ShipAsync(OrderPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                    }
                    """),
                """
                namespace Acme.Validation
                {
                    public sealed class OrderValidator : FluentValidation.AbstractValidator<Acme.OrderPayload>
                    {
                    }
                }
                """,
            ]);
    }
}
