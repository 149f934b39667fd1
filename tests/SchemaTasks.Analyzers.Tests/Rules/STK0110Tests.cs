using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.ServiceParameterLooksLikePayloadAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0110: a run-method service parameter whose type looks like a second payload, which every run would fail to resolve.</summary>
public sealed class STK0110Tests
{
    private const string Invoices = """

        public sealed record SendInvoicePayload(int InvoiceId);
        public sealed class SendInvoicePayloadValidator : AbstractValidator<SendInvoicePayload> { }

        """;

    [Fact]
    public async Task A_service_parameter_with_a_validator_is_reported_on_its_type()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With(Invoices + """
                namespace Customers
                {
                    public sealed class Customer { public string Name { get; set; } = ""; }
                    public sealed class CustomerValidator : FluentValidation.AbstractValidator<Customer> { }
                }

                public sealed class InvoicesTaskService
                {
                    [SchemaTask("invoices.send")]
                    public Task SendInvoiceAsync(SendInvoicePayload payload, {|#0:Customers.Customer|} customer, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "customer", "invoices.send", "Customer", "it has a validator, 'CustomerValidator'", "SendInvoicePayload"));
    }

    [Fact]
    public async Task An_unregistered_record_next_to_the_payload_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With(Invoices + """
                public sealed record CustomerPayload(string Name);

                public sealed class InvoicesTaskService
                {
                    [SchemaTask("invoices.send")]
                    public Task SendInvoiceAsync(SendInvoicePayload payload, {|#0:CustomerPayload|} customer, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "customer", "invoices.send", "CustomerPayload", "a record next to the payload that nothing in this project registers", "SendInvoicePayload"));
    }

    [Theory]
    [InlineData("services.AddScoped<CustomerPayload>(_ => null!);")]
    [InlineData("services.AddSingleton(typeof(global::CustomerPayload), new object());")]
    [InlineData("services.AddSingleton(_ => new CustomerPayload(\"x\"));")]
    public async Task A_record_next_to_the_payload_that_a_registration_names_is_not_reported(string registration)
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With(Invoices + $$"""
            public sealed record CustomerPayload(string Name);

            namespace Registration
            {
                using Microsoft.Extensions.DependencyInjection;

                public static class Startup
                {
                    public static void Register(IServiceCollection services)
                    {
                        {{registration}}
                    }
                }
            }

            public sealed class InvoicesTaskService
            {
                [SchemaTask("invoices.send")]
                public Task SendInvoiceAsync(SendInvoicePayload payload, CustomerPayload customer, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task Services_that_are_not_records_next_to_the_payload_nor_validated_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With(Invoices + """
            namespace Elsewhere
            {
                public sealed record PricingRules(decimal Vat);
            }

            public sealed class InvoiceRenderer { }
            public interface IInvoiceStore { }
            public sealed record OptionalHint(string Text);

            public sealed class InvoicesTaskService
            {
                [SchemaTask("invoices.send")]
                public Task SendInvoiceAsync(
                    SendInvoicePayload payload,
                    Elsewhere.PricingRules rules,   // a record, but not in the payload's namespace
                    InvoiceRenderer renderer,            // next to the payload, but a class
                    IInvoiceStore store,                 // an interface
                    OptionalHint? hint,                  // optional: passed as null, never fails
                    CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }
}
