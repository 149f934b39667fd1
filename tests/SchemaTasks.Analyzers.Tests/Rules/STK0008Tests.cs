using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.PayloadNotSerializableAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0008: a payload crosses an async backend as JSON, so it must be data System.Text.Json can rebuild.</summary>
public sealed class STK0008Tests
{
    [Theory]
    [InlineData("object", "'object' is the untyped task; declare a payload record")]
    [InlineData("dynamic", "'dynamic' is the untyped task; declare a payload record")]
    [InlineData("IPayload", "an interface cannot be created from JSON; use a concrete record, or add [JsonPolymorphic] and [JsonDerivedType]")]
    [InlineData("AbstractPayload", "an abstract type cannot be created from JSON without [JsonPolymorphic] or [JsonDerivedType]")]
    [InlineData("Action", "a delegate is code, not data")]
    [InlineData("Func<int>", "a delegate is code, not data")]
    [InlineData("Stream", "a Stream is not data; pass a reference to where the data lives")]
    [InlineData("MemoryStream", "a Stream is not data; pass a reference to where the data lives")]
    [InlineData("TwoConstructors", "it has no public parameterless constructor, no single public constructor and no [JsonConstructor]")]
    [InlineData("PrivateConstructor", "it has no public parameterless constructor, no single public constructor and no [JsonConstructor]")]
    [InlineData("int?", "a payload is never null; use the value type itself")]
    [InlineData("UnboundConstructor", "its constructor's parameter 'identifier' matches no property by name, so every run fails to read it back; name the parameter after its property")]
    [InlineData("UnboundJsonConstructor", "its constructor's parameter 'label' matches no property by name, so every run fails to read it back; name the parameter after its property")]
    public async Task A_payload_that_cannot_cross_as_JSON_is_reported_on_its_type(string type, string reason)
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With($$"""
                public interface IPayload { int Id { get; } }
                public abstract class AbstractPayload { public int Id { get; set; } }
                public sealed class TwoConstructors
                {
                    public TwoConstructors(int id) { Id = id; }
                    public TwoConstructors(string id) { Id = int.Parse(id); }
                    public int Id { get; }
                }
                public sealed class PrivateConstructor
                {
                    private PrivateConstructor() { }
                    public int Id { get; set; }
                }
                public sealed class UnboundConstructor(int identifier, string label)
                {
                    public int Id { get; } = identifier;
                    public string Name { get; } = label;
                }
                public sealed class UnboundJsonConstructor
                {
                    public UnboundJsonConstructor() { }
                    [System.Text.Json.Serialization.JsonConstructor]
                    public UnboundJsonConstructor(int id, string label) { Id = id; Name = label; }
                    public int Id { get; set; }
                    public string Name { get; set; } = "";
                }

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    public Task RunAsync({|#0:{{type}}|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(type, "ping.run", reason));
    }

    [Fact]
    public async Task A_pointer_payload_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed unsafe class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    public Task RunAsync({|#0:int*|} payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("int*", "ping.run", "a pointer is an address in this process"));
    }

    [Theory]
    [InlineData("PingPayload")]
    [InlineData("int")]
    [InlineData("string")]
    [InlineData("Guid")]
    [InlineData("DateTimeOffset")]
    [InlineData("int[]")]
    [InlineData("List<PingPayload>")]
    [InlineData("IReadOnlyList<int>")]
    [InlineData("Dictionary<string, int>")]
    [InlineData("MutablePayload")]
    [InlineData("AnnotatedConstructor")]
    [InlineData("SingleConstructor")]
    [InlineData("StructPayload")]
    [InlineData("Shape")]
    [InlineData("IShape")]
    [InlineData("Converted")]
    [InlineData("BoundIgnoringCase")]
    [InlineData("PublicParameterlessWins")]
    [InlineData("BoundToIncludedField")]
    public async Task A_payload_that_round_trips_is_not_reported(string type)
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With($$"""
            using System.Text.Json;
            using System.Text.Json.Serialization;

            public sealed class MutablePayload { public int Id { get; set; } }
            public sealed class AnnotatedConstructor
            {
                [JsonConstructor]
                public AnnotatedConstructor(int id) { Id = id; }
                public AnnotatedConstructor(string id) { Id = int.Parse(id); }
                public int Id { get; }
            }
            public sealed class SingleConstructor(int id) { public int Id { get; } = id; }
            public readonly record struct StructPayload(int Id);
            public sealed class BoundIgnoringCase(int ID, string name) { public int Id { get; } = ID; public string Name { get; } = name; }
            public sealed class PublicParameterlessWins
            {
                public PublicParameterlessWins() { }
                public PublicParameterlessWins(int identifier) { Id = identifier; }
                public int Id { get; set; }
            }
            public sealed class BoundToIncludedField
            {
                [JsonConstructor]
                public BoundToIncludedField(int count) { Count = count; }
                [JsonInclude]
                public int Count;
            }

            [JsonPolymorphic]
            [JsonDerivedType(typeof(Circle), "circle")]
            public abstract record Shape;
            public sealed record Circle(double Radius) : Shape;

            [JsonDerivedType(typeof(Square), "square")]
            public interface IShape;
            public sealed record Square(double Side) : IShape;

            [JsonConverter(typeof(ConvertedConverter))]
            public abstract class Converted;
            public sealed class ConvertedConverter : JsonConverter<Converted>
            {
                public override Converted? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => null;
                public override void Write(Utf8JsonWriter writer, Converted value, JsonSerializerOptions options) { }
            }

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                public Task RunAsync({{type}} payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_scheduled_task_payload_is_the_ScheduledRun_and_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [ScheduledTask("ping.schedule", Cron = "0 * * * *")]
                public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }
}
