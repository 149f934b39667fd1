using System.Collections.Immutable;
using FluentValidation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SchemaTasks.Benchmarks.Build;

/// <summary>
/// A synthetic project compiled as a build would compile it (nullable on, the .NET 10 reference assemblies,
/// SchemaTasks, FluentValidation, DI and logging referenced), and the same project after the keystroke edit: one
/// character typed inside a method body of its first file.
/// </summary>
internal sealed class SyntheticCompilation
{
    /// <summary>The parse options of every tree, generated ones included.</summary>
    // What csc uses for a project without a documentation file (no /doc): doc comments are trivia, not parsed.
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TaskDefinition).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(AbstractValidator<>).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location),
    ];

    private SyntheticCompilation(CSharpCompilation compilation, CSharpCompilation edited)
    {
        Compilation = compilation;
        Edited = edited;
    }

    /// <summary>The project.</summary>
    public CSharpCompilation Compilation { get; }

    /// <summary>The project after the keystroke: only the first file differs, inside a method body.</summary>
    public CSharpCompilation Edited { get; }

    /// <summary>The project of <paramref name="declarations"/> declarations of <paramref name="kind"/>.</summary>
    /// <param name="kind">What the declarations are.</param>
    /// <param name="declarations">How many.</param>
    public static SyntheticCompilation Create(DeclarationKind kind, int declarations)
    {
        var trees = SyntheticProject.Files(kind, declarations)
            .Select(file => CSharpSyntaxTree.ParseText(file.Source, ParseOptions, path: file.Path))
            .ToList();
        var compilation = CSharpCompilation.Create(
            $"Synthetic.{kind}{declarations}",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithOptimizationLevel(OptimizationLevel.Release)
                // As the SDK does: FluentValidation targets .NET 8, whose reference unifies with .NET 10's.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

        var first = trees[0];
        var text = first.GetText();
        var at = text.ToString().IndexOf(SyntheticProject.EditAnchor, StringComparison.Ordinal);
        var edit = new TextChange(new TextSpan(at, SyntheticProject.EditAnchor.Length), SyntheticProject.EditedAnchor);
        return new SyntheticCompilation(compilation, compilation.ReplaceSyntaxTree(first, first.WithChangedText(text.WithChanges(edit))));
    }

    /// <summary>A driver holding no state yet, over <paramref name="generator"/> only.</summary>
    /// <param name="generator">The generator.</param>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
