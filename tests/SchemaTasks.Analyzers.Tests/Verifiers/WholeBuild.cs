using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SchemaTasks.Analyzers.Tests.Verifiers;

/// <summary>
/// What <c>dotnet build</c> shows a user: the SchemaTasks generator runs, then the compiler and every SchemaTasks
/// analyzer report on the sources plus the generated code (nullable on, every warning level). For tests of which
/// error comes first (or alone), and of the docs' samples.
/// </summary>
public static class WholeBuild
{
    /// <summary>The parse options of the sources, as a project on the latest language version has them.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(TestCompilationSetup.LanguageVersion);

    /// <summary>Every diagnostic the build reports on <paramref name="sources"/> (a library), compiler's and analyzers'.</summary>
    public static Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(params string[] sources) =>
        DiagnosticsAsync(
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            TestCompilationSetup.References,
            OutputKind.DynamicallyLinkedLibrary);

    /// <summary>
    /// Every diagnostic the build reports on <paramref name="trees"/> compiled as <paramref name="outputKind"/>
    /// against <paramref name="references"/>: the generator's (there must be none), the compiler's and the analyzers'.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> references, OutputKind outputKind)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var compilation = CSharpCompilation.Create(
            "WholeBuildTest",
            trees,
            references,
            new CSharpCompilationOptions(outputKind)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithWarningLevel(9999)
                .WithAllowUnsafe(true)
                // As the SDK does: FluentValidation targets .NET 8, whose reference unifies with .NET 10's.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));
        var generators = TestCompilationSetup.SourceGenerators()
            .Select(type => ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator());
        CSharpGeneratorDriver.Create(generators, parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out var generatorDiagnostics, cancellationToken);

        var analyzed = withGenerated.WithAnalyzers(AllAnalyzersTest.Analyzers, new AnalyzerOptions([]));
        return generatorDiagnostics.AddRange(await analyzed.GetAllDiagnosticsAsync(cancellationToken));
    }

    /// <summary>The ids of the errors among <paramref name="diagnostics"/>, in source order.</summary>
    public static string[] Errors(ImmutableArray<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
            .Select(d => d.Id)];

    /// <summary>Every diagnostic, one per line, for failure messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
