using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.PayloadPropertyLostInJsonAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0111: a stored payload property that System.Text.Json serializes but never sets back.</summary>
public sealed class STK0111Tests
{
    private static string Task(string payloadType, string declarations) => SourcePrelude.With($$"""
        using System.Text.Json.Serialization;

        {{declarations}}

        public sealed class PingTaskService
        {
            [SchemaTask("ping.run")]
            public Task RunAsync({|#0:{{payloadType}}|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """);

    [Theory]
    [InlineData("public int Id { get; set; } public string Currency { get; private set; } = \"EUR\";", "Currency", "a private setter")]
    [InlineData("public int Id { get; set; } public string Currency { get; protected set; } = \"EUR\";", "Currency", "a protected setter")]
    [InlineData("public int Id { get; set; } public string Currency { get; internal set; } = \"EUR\";", "Currency", "an internal setter")]
    [InlineData("public int Id { get; set; } public string Currency { get; private init; } = \"EUR\";", "Currency", "a private init")]
    [InlineData("public int Id { get; set; } public string Currency { get; } = \"EUR\";", "Currency", "no setter")]
    [InlineData("public int Id { get; set; } public List<int> Lines { get; } = new();", "Lines", "no setter")]
    public async Task A_stored_property_without_a_public_setter_or_constructor_parameter_is_reported(string members, string property, string has)
    {
        await Verify.VerifyAnalyzerAsync(
            Task("InvoicePayload", $$"""public sealed class InvoicePayload { {{members}} }"""),
            Verify.Diagnostic().WithLocation(0).WithArguments(property, "InvoicePayload", "ping.run", has));
    }

    [Fact]
    public async Task Each_lost_property_is_reported_including_one_of_a_base_class()
    {
        await Verify.VerifyAnalyzerAsync(
            Task("InvoicePayload", """
                public abstract class PayloadBase { public Guid TraceId { get; private set; } }
                public sealed class InvoicePayload(int id) : PayloadBase
                {
                    public int Id { get; } = id;
                    public int Attempt { get; private set; }
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("Attempt", "InvoicePayload", "ping.run", "a private setter"),
            Verify.Diagnostic().WithLocation(0).WithArguments("TraceId", "InvoicePayload", "ping.run", "a private setter"));
    }

    [Theory]
    [InlineData("public sealed record InvoicePayload(int Id, string Currency);")]
    [InlineData("public sealed class InvoicePayload { public int Id { get; set; } public string Currency { get; init; } = \"\"; }")]
    [InlineData("public sealed class InvoicePayload(int id, string CURRENCY) { public int Id { get; } = id; public string Currency { get; private set; } = CURRENCY; }")]
    [InlineData("public sealed class InvoicePayload { public string First { get; set; } = \"\"; public string Last { get; set; } = \"\"; public string Full => First + Last; }")]
    [InlineData("public sealed class InvoicePayload { public int Id { get; set; } [JsonInclude] public string Currency { get; private set; } = \"\"; }")]
    [InlineData("public sealed class InvoicePayload { public int Id { get; set; } [JsonIgnore] public string Cache { get; private set; } = \"\"; }")]
    [InlineData("public sealed class InvoicePayload { public int Id { get; set; } public static string Default { get; private set; } = \"\"; }")]
    [InlineData("public sealed class InvoicePayload { public int Id { get; set; } private string Secret { get; set; } = \"\"; }")]
    [InlineData("public sealed class InvoicePayload { [JsonConstructor] public InvoicePayload(int id, string currency) { Id = id; Currency = currency; } public int Id { get; } public string Currency { get; } }")]
    public async Task A_property_that_round_trips_is_not_reported(string declaration)
    {
        await Verify.VerifyAnalyzerAsync(Task("InvoicePayload", declaration).Replace("{|#0:InvoicePayload|}", "InvoicePayload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_payload_already_rejected_by_STK0008_is_not_reported_again()
    {
        await Verify.VerifyAnalyzerAsync(Task("InvoicePayload", """
            public sealed class InvoicePayload(int identifier) { public int Id { get; } = identifier; public int Attempt { get; private set; } }
            """).Replace("{|#0:InvoicePayload|}", "InvoicePayload", StringComparison.Ordinal));
    }
}
