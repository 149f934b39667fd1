using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaTasks.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Rules;

namespace SchemaTasks.Analyzers.Tests;

/// <summary>
/// The shared payload rules against System.Text.Json itself: each payload shape is compiled, loaded and sent
/// through a real JSON round trip with the runtime's options (web defaults), and STK0008 (every read throws) and
/// STK0111 (a property comes back as its default) must say exactly what happened.
/// </summary>
public sealed class PayloadRoundTripTests
{
    /// <summary>Payload <c>P</c>, a JSON document with every property set, the properties expected lost (STK0111), whether reading throws (STK0008).</summary>
    public static TheoryData<string, string, string[], bool> Shapes { get; } = new()
    {
        { "public sealed record P(int Id, string Name);", """{"id":5,"name":"x"}""", [], false },
        { "public sealed class P(int identifier, string label) { public int Id { get; } = identifier; public string Name { get; } = label; }", """{"id":5,"name":"x"}""", [], true },
        { "public sealed class P(int id, string label) { public int Id { get; } = id; public string Name { get; } = label; }", """{"id":5,"name":"x"}""", [], true },
        { "public sealed class P(int ID, string NAME) { public int Id { get; } = ID; public string Name { get; } = NAME; }", """{"id":5,"name":"x"}""", [], false },
        { "public sealed class P { public P() { } [System.Text.Json.Serialization.JsonConstructor] public P(int id, string label) { Id = id; Name = label; } public int Id { get; set; } public string Name { get; set; } = \"\"; }", """{"id":5,"name":"x"}""", [], true },
        { "public sealed class P { public P() { } public P(int identifier) { Id = identifier; } public int Id { get; set; } }", """{"id":5}""", [], false },
        { "public sealed class P { public int Id { get; set; } public string Name { get; private set; } = \"\"; }", """{"id":5,"name":"x"}""", ["Name"], false },
        { "public sealed class P { public int Id { get; set; } public string Name { get; private init; } = \"\"; }", """{"id":5,"name":"x"}""", ["Name"], false },
        { "public sealed class P { public int Id { get; set; } public string Name { get; } = \"\"; }", """{"id":5,"name":"x"}""", ["Name"], false },
        { "public sealed class P { public int Id { get; set; } public System.Collections.Generic.List<int> Lines { get; } = new(); }", """{"id":5,"lines":[1]}""", ["Lines"], false },
        { "public sealed class P { public int Id { get; set; } public string Name { get; init; } = \"\"; }", """{"id":5,"name":"x"}""", [], false },
        { "public sealed class P { public int Id { get; set; } [System.Text.Json.Serialization.JsonInclude] public string Name { get; private set; } = \"\"; }", """{"id":5,"name":"x"}""", [], false },
        { "public sealed class P(int id, string name) { public int Id { get; } = id; public string Name { get; private set; } = name; }", """{"id":5,"name":"x"}""", [], false },
        { "public abstract class Base { public int Id { get; private set; } } public sealed class P : Base { public string Name { get; set; } = \"\"; }", """{"id":5,"name":"x"}""", ["Id"], false },
        { "public struct P { public int Id { get; set; } public string Name { get; private set; } }", """{"id":5,"name":"x"}""", ["Name"], false },
    };

    private const string TaskOfP = """

        public sealed class PingTaskService
        {
            [SchemaTasks.SchemaTask("ping.run")]
            public System.Threading.Tasks.Task RunAsync(P payload) => System.Threading.Tasks.Task.CompletedTask;
        }
        """;

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task The_rules_say_what_System_Text_Json_does(string source, string json, string[] lost, bool throws)
    {
        var compilation = CSharpCompilation.Create(
            "Payloads" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText("namespace Acme;\n" + source + TaskOfP, new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: TestContext.Current.CancellationToken)],
            TestCompilationSetup.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        // What the rules say.
        var diagnostics = await compilation
            .WithAnalyzers([new PayloadNotSerializableAnalyzer(), new PayloadPropertyLostInJsonAnalyzer()])
            .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(throws, diagnostics.Any(d => d.Id == "STK0008"));
        Assert.Equal(
            lost.Order(StringComparer.Ordinal),
            diagnostics.Where(d => d.Id == "STK0111").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1]).Order(StringComparer.Ordinal));

        // What System.Text.Json does.
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        var context = new AssemblyLoadContext("payloads", isCollectible: true);
        try
        {
            stream.Position = 0;
            var type = context.LoadFromStream(stream).GetType("Acme.P")!;
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            if (throws)
            {
                Assert.Throws<InvalidOperationException>(() => JsonSerializer.Deserialize(json, type, options));
                return;
            }

            var value = JsonSerializer.Deserialize(json, type, options)!;
            using var document = JsonDocument.Parse(json);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var clrProperty = type.GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!;
                var read = clrProperty.GetValue(value);
                var cameBack = read switch
                {
                    int number => number != 0,
                    string text => text.Length > 0,
                    System.Collections.ICollection collection => collection.Count > 0,
                    _ => read is not null,
                };
                Assert.True(
                    cameBack != lost.Contains(clrProperty.Name),
                    $"{clrProperty.Name}: came back {cameBack}, rules say lost {lost.Contains(clrProperty.Name)}");
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
