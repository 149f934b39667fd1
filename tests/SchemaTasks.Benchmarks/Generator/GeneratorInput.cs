using System.Collections.Immutable;
using FluentValidation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SchemaTasks.Generators;

namespace SchemaTasks.Benchmarks.Generator;

/// <summary>
/// The generator's input for one benchmark case: a compilation of N copies of the reference domains plus one file
/// unrelated to tasks, and the same compilation after an edit of that file (a keystroke the generator must ignore).
/// </summary>
internal sealed class GeneratorInput
{
    private const string UnrelatedPath = "Unrelated/Counter.cs";

    private const string UnrelatedSource = """
        namespace Unrelated;

        internal sealed class Counter
        {
            public int Value { get; set; }
        }

        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TaskDefinition).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(AbstractValidator<>).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location),
    ];

    private GeneratorInput(CSharpCompilation compilation, CSharpCompilation edited)
    {
        Compilation = compilation;
        Edited = edited;
    }

    /// <summary>The project before the edit.</summary>
    public CSharpCompilation Compilation { get; }

    /// <summary>The project after the unrelated edit: only <c>Unrelated/Counter.cs</c> differs.</summary>
    public CSharpCompilation Edited { get; }

    /// <summary>The input made of <paramref name="copies"/> copies of the reference domains.</summary>
    /// <param name="copies">How many copies, at least 1.</param>
    public static GeneratorInput Create(int copies)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(copies);
        var trees = new List<SyntaxTree>
        {
            Parse(ReferenceDomainSources.ImplicitUsings, ReferenceDomainSources.ImplicitUsingsName),
            Parse(UnrelatedSource, UnrelatedPath),
        };
        for (var i = 0; i < copies; i++)
        {
            trees.AddRange(ReferenceDomainCopies.Copy(i).Select(file => Parse(file.Source, file.Name)));
        }

        var compilation = CSharpCompilation.Create(
            $"SchemaTasks.Benchmarks.Domains{copies}",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                // As the SDK does: FluentValidation targets .NET 8, whose reference unifies with .NET 10's.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

        var unrelated = trees[1];
        var text = unrelated.GetText();
        var at = text.ToString().IndexOf("public int Value", StringComparison.Ordinal);
        var edited = unrelated.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, 0), "public int Step { get; set; }\n    ")));
        return new GeneratorInput(compilation, compilation.ReplaceSyntaxTree(unrelated, edited));
    }

    /// <summary>A driver holding no state yet; step tracking only when a check needs it (it costs time).</summary>
    /// <param name="trackSteps">Whether to record the incremental steps.</param>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new SchemaTaskGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path: path);
}
