using Fix = SchemaTasks.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<SchemaTasks.Analyzers.Rules.MissingValidatorAnalyzer, SchemaTasks.CodeFixes.CreateValidatorCodeFixProvider>;

namespace SchemaTasks.Analyzers.Tests.CodeFixes;

/// <summary>The STK0104 fix: create the payload's validator after the payload type.</summary>
public sealed class CreateValidatorFixTests
{
    [Fact]
    public async Task A_validator_is_created_after_the_payload_with_the_FluentValidation_using()
    {
        await Fix.VerifyCodeFixAsync(
            """
            using System.Threading;
            using System.Threading.Tasks;
            using SchemaTasks;

            namespace Acme;

            public sealed record OrderPayload(int OrderId);

            public sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship")]
                public Task ShipAsync({|STK0104:OrderPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;
            using FluentValidation;
            using SchemaTasks;

            namespace Acme;

            public sealed record OrderPayload(int OrderId);

            public sealed class OrderPayloadValidator : AbstractValidator<OrderPayload>
            {
                public OrderPayloadValidator()
                {
                    // RuleFor(payload => payload.Property).NotEmpty();
                }
            }

            public sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship")]
                public Task ShipAsync(OrderPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task The_validator_goes_to_the_payload_file_and_serves_every_task_of_that_payload()
    {
        var test = new Fix.Test();
        test.TestState.Sources.Add(("/0/Payloads.cs", """
            namespace Acme;

            internal sealed class OrderPayload
            {
                public int OrderId { get; init; }
            }
            """));
        test.TestState.Sources.Add(("/0/Service.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using SchemaTasks;

            namespace Acme;

            internal sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship")]
                public Task ShipAsync({|STK0104:OrderPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("orders.pack")]
                public Task PackAsync({|STK0104:OrderPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
        test.FixedState.Sources.Add(("/0/Payloads.cs", """
            using FluentValidation;

            namespace Acme;

            internal sealed class OrderPayload
            {
                public int OrderId { get; init; }
            }

            internal sealed class OrderPayloadValidator : AbstractValidator<OrderPayload>
            {
                public OrderPayloadValidator()
                {
                    // RuleFor(payload => payload.Property).NotEmpty();
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/Service.cs", """
            using System.Threading;
            using System.Threading.Tasks;
            using SchemaTasks;

            namespace Acme;

            internal sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship")]
                public Task ShipAsync(OrderPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("orders.pack")]
                public Task PackAsync(OrderPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Fix_all_creates_one_validator_per_payload()
    {
        await Fix.VerifyCodeFixAsync(
            """
            using System.Threading;
            using System.Threading.Tasks;
            using FluentValidation;
            using SchemaTasks;

            namespace Acme;

            public sealed record OrderPayload(int OrderId);

            public sealed record RefundPayload(int OrderId);

            public sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship")]
                public Task ShipAsync({|STK0104:OrderPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("orders.refund")]
                public Task RefundAsync({|STK0104:RefundPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;
            using FluentValidation;
            using SchemaTasks;

            namespace Acme;

            public sealed record OrderPayload(int OrderId);

            public sealed class OrderPayloadValidator : AbstractValidator<OrderPayload>
            {
                public OrderPayloadValidator()
                {
                    // RuleFor(payload => payload.Property).NotEmpty();
                }
            }

            public sealed record RefundPayload(int OrderId);

            public sealed class RefundPayloadValidator : AbstractValidator<RefundPayload>
            {
                public RefundPayloadValidator()
                {
                    // RuleFor(payload => payload.Property).NotEmpty();
                }
            }

            public sealed class OrdersTaskService
            {
                [SchemaTask("orders.ship")]
                public Task ShipAsync(OrderPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("orders.refund")]
                public Task RefundAsync(RefundPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task No_second_validator_is_created_when_a_private_one_exists()
    {
        var source = TaskSource.WithConfig("""

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
            """);
        await Fix.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task A_validator_is_created_when_the_only_one_validates_another_payload()
    {
        await Fix.VerifyCodeFixAsync(
            TaskSource.WithConfig("""

                public sealed record OrderPayload(int OrderId);

                public sealed class OrdersTaskService
                {
                    [SchemaTask("orders.ship", Config = typeof(PingTaskConfig))]
                    public Task ShipAsync({|STK0104:OrderPayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            TaskSource.WithConfig("""

                public sealed record OrderPayload(int OrderId);

                public sealed class OrderPayloadValidator : AbstractValidator<OrderPayload>
                {
                    public OrderPayloadValidator()
                    {
                        // RuleFor(payload => payload.Property).NotEmpty();
                    }
                }

                public sealed class OrdersTaskService
                {
                    [SchemaTask("orders.ship", Config = typeof(PingTaskConfig))]
                    public Task ShipAsync(OrderPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }
}
