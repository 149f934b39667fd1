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
    public async Task A_payload_that_STK0008_rejects_is_not_also_reported_for_its_missing_validator()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed record Customer(string Name, System.IO.Stream Attachment);
            public sealed record InvoicePayload(int InvoiceId, Customer Customer);
            public sealed record ReceiptPayload(int InvoiceId, Customer? Customer = null);
            public sealed record StatementPayload(int InvoiceId, string Customer);

            public sealed class InvoicesTaskService
            {
                [SchemaTask("invoices.send", Config = typeof(PingTaskConfig))]
                public Task SendAsync(InvoicePayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("invoices.receipt", Config = typeof(PingTaskConfig))]
                public Task ReceiptAsync(ReceiptPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("invoices.untyped", Config = typeof(PingTaskConfig))]
                public Task UntypedAsync(object payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("invoices.statement", Config = typeof(PingTaskConfig))]
                public Task StatementAsync({|STK0104:StatementPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
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

    [Fact]
    public async Task A_private_nested_validator_exists_but_is_reported_since_it_cannot_be_registered()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed record OrderPayload(int OrderId)
            {
                private sealed class Validator : AbstractValidator<OrderPayload>
                {
                }
            }

            public sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship", Config = typeof(PingTaskConfig))]
                public Task ShipAsync({|STK0104:OrderPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_validator_next_to_its_payload_counts_whatever_its_base_class_is_named()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed record OrderPayload(int OrderId);

            public abstract class PayloadRules<T> : AbstractValidator<T>;

            public sealed class OrderRules : PayloadRules<OrderPayload>;

            public sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship", Config = typeof(PingTaskConfig))]
                public Task ShipAsync(OrderPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_payload_and_its_validator_in_a_referenced_Contracts_project_are_not_reported()
    {
        var test = new Verify.Test
        {
            TestCode = TaskSource.WithConfig("""

                public sealed class OrdersTaskService
                {
                    [SchemaTask("orders.ship", Config = typeof(PingTaskConfig))]
                    public Task ShipAsync(Acme.Orders.OrderPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("orders.refund", Config = typeof(PingTaskConfig))]
                    public Task RefundAsync({|STK0104:Acme.Orders.RefundPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
        };
        test.TestState.AdditionalReferences.Add(ValidatorAgreementTests.Contracts("""
            namespace Acme.Orders
            {
                public sealed record OrderPayload(int OrderId);
                public sealed record RefundPayload(int OrderId);
                public sealed class OrderPayloadValidator : AbstractValidator<OrderPayload> { }
            }
            """));
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
