using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.PayloadNotSerializableAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>
/// STK0008 on what a payload holds: its properties, at any depth, through collections and nullables, under the
/// rules of a payload type, named by their path.
/// </summary>
public sealed class STK0008PropertyTests
{
    private const string Shapes = """
        using System.Text.Json;
        using System.Text.Json.Serialization;

        public interface IAddress { string City { get; } }
        public abstract class Discount { public decimal Rate { get; set; } }
        public sealed class TwoConstructors
        {
            public TwoConstructors(int id) { Id = id; }
            public TwoConstructors(string id) { Id = int.Parse(id); }
            public int Id { get; }
        }

        """;

    [Theory]
    [InlineData("public sealed record Customer(string Name, Stream Attachment);", "Customer.Attachment", "Stream", "a Stream is not data; pass a reference to where the data lives")]
    [InlineData("public sealed record Customer(string Name, IAddress Address);", "Customer.Address", "IAddress", "an interface cannot be created from JSON; use a concrete record, or add [JsonPolymorphic] and [JsonDerivedType]")]
    [InlineData("public sealed record Customer(string Name, Discount? Discount);", "Customer.Discount", "Discount", "an abstract type cannot be created from JSON without [JsonPolymorphic] or [JsonDerivedType]")]
    [InlineData("public sealed record Customer(string Name, Func<int> Score);", "Customer.Score", "Func<int>", "a delegate is code, not data")]
    [InlineData("public sealed record Customer(string Name, object Extra);", "Customer.Extra", "object", "'object' comes back as a JsonElement, not what was stored; give the property a concrete type")]
    [InlineData("public sealed record Customer(string Name, TwoConstructors Legacy);", "Customer.Legacy", "TwoConstructors", "it has no public parameterless constructor, no single public constructor and no [JsonConstructor]")]
    [InlineData("public sealed record Customer(string Name, List<Stream> Files);", "Customer.Files[]", "Stream", "a Stream is not data; pass a reference to where the data lives")]
    [InlineData("public sealed record Customer(string Name, Dictionary<string, IAddress> Addresses);", "Customer.Addresses[]", "IAddress", "an interface cannot be created from JSON; use a concrete record, or add [JsonPolymorphic] and [JsonDerivedType]")]
    [InlineData("public sealed record Customer(string Name, Line[] Lines); public sealed record Line(int Qty, MemoryStream? Scan);", "Customer.Lines[].Scan", "MemoryStream", "a Stream is not data; pass a reference to where the data lives")]
    // Two properties that cannot cross: the first in declaration order is named (positional records are read by parameter).
    [InlineData("public sealed record Customer(string Name, Func<int> Score, Stream Attachment);", "Customer.Score", "Func<int>", "a delegate is code, not data")]
    [InlineData("public sealed record Customer(Stream Attachment, string Name, Func<int> Score);", "Customer.Attachment", "Stream", "a Stream is not data; pass a reference to where the data lives")]
    public async Task A_property_that_cannot_cross_is_reported_with_its_path(string customer, string path, string type, string reason)
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With(Shapes + customer + """

                public sealed record SendInvoicePayload(int InvoiceId, Customer Customer);

                public sealed class InvoicesTaskService
                {
                    [SchemaTask("invoices.send")]
                    public Task SendAsync({|#0:SendInvoicePayload|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "SendInvoicePayload", "invoices.send", $"its property '{path}' is of type '{type}': {reason}"));
    }

    [Theory]
    [InlineData("public sealed record Customer(string Name, Customer? Referrer, List<Customer> Friends);")] // a cycle ends
    [InlineData("public sealed record Customer(string Name, [property: JsonIgnore] Stream? Attachment);")]
    [InlineData("public sealed record Customer(string Name, [property: JsonConverter(typeof(AddressConverter))] IAddress Address);")]
    [InlineData("public sealed record Customer(string Name, IReadOnlyList<int> Scores, Dictionary<string, Guid> Ids, int? Age, DateTimeOffset Since);")]
    [InlineData("public sealed record Customer(string Name, IKnownAddress Address);")]
    [InlineData("public sealed record Customer(string Name, System.Text.Json.Nodes.JsonNode Extra, JsonElement Raw);")]
    [InlineData("public sealed class Customer { public string Name { get; set; } = \"\"; private Stream? Cache { get; set; } public Stream Open() => Stream.Null; }")]
    public async Task Properties_that_cross_are_not_reported(string customer)
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With(Shapes + customer + """

                [JsonDerivedType(typeof(PostalAddress), "postal")]
                public interface IKnownAddress { string City { get; } }
                public sealed record PostalAddress(string City) : IKnownAddress, IAddress;
                public sealed class AddressConverter : JsonConverter<IAddress>
                {
                    public override IAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => null;
                    public override void Write(Utf8JsonWriter writer, IAddress value, JsonSerializerOptions options) { }
                }

                public sealed record SendInvoicePayload(int InvoiceId, Customer Customer);

                public sealed class InvoicesTaskService
                {
                    [SchemaTask("invoices.send")]
                    public Task SendAsync(SendInvoicePayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }
}
