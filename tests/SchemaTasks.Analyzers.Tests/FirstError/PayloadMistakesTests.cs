using Microsoft.CodeAnalysis;
using SchemaTasks.Analyzers.Tests.CodeFixes;
using SchemaTasks.Analyzers.Tests.Verifiers;

namespace SchemaTasks.Analyzers.Tests.FirstError;

/// <summary>
/// What a user's build prints for a broken payload or run method, as the compiler runs it: the generator, then the
/// compiler and every analyzer over the result. The STK diagnostic that names the problem is the only error, and no
/// other SchemaTasks rule speaks about the same mistake.
/// </summary>
public sealed class PayloadMistakesTests
{
    [Theory]
    [InlineData("public sealed record Customer(string Name, Stream Attachment);")]
    [InlineData("public sealed record Customer(string Name, IAddress Address); public interface IAddress { string City { get; } }")]
    [InlineData("public sealed record Customer(string Name, List<Line> Lines); public sealed record Line(int Qty, Func<int> Price);")]
    public async Task A_payload_property_that_cannot_cross_as_JSON_gives_STK0008_alone(string customer)
    {
        var diagnostics = await BuildAsync("using System.IO;\nusing System.Collections.Generic;\n" + TaskSource.WithConfig(customer + """

            public sealed record SendInvoicePayload(int InvoiceId, Customer Customer);

            public sealed class InvoicesTaskService
            {
                [SchemaTask("invoices.send", Config = typeof(PingTaskConfig))]
                public Task SendInvoiceAsync(SendInvoicePayload payload, CancellationToken cancellationToken) => Task.Delay(0, cancellationToken);
            }
            """));

        var only = Assert.Single(diagnostics);
        Assert.Equal("STK0008", only.Id);
        Assert.Equal(DiagnosticSeverity.Error, only.Severity);
        Assert.Contains("its property 'Customer.", only.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_payload_taken_as_a_service_parameter_gives_STK0110_alone()
    {
        var diagnostics = await BuildAsync(TaskSource.WithConfig("""

            public sealed record SendInvoicePayload(int InvoiceId);
            public sealed class SendInvoicePayloadValidator : AbstractValidator<SendInvoicePayload> { }
            public sealed record CustomerPayload(string Name);

            public sealed class InvoicesTaskService
            {
                [SchemaTask("invoices.send", Config = typeof(PingTaskConfig))]
                public Task SendInvoiceAsync(SendInvoicePayload payload, CustomerPayload customer, CancellationToken cancellationToken) => Task.Delay(0, cancellationToken);
            }
            """));

        var only = Assert.Single(diagnostics);
        Assert.Equal("STK0110", only.Id);
        Assert.Equal(DiagnosticSeverity.Warning, only.Severity);
        Assert.Contains("Parameter 'customer' of task 'invoices.send'", only.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Every error, and every SchemaTasks diagnostic whatever its severity, of the generated compilation.</summary>
    private static async Task<Diagnostic[]> BuildAsync(string source) =>
        [.. (await WholeBuild.DiagnosticsAsync(source)).Where(d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("STK", StringComparison.Ordinal))];
}
