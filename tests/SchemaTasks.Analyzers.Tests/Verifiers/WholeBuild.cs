using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SchemaTasks.Analyzers.Tests.Verifiers;

/// <summary>
/// What <c>dotnet build</c> shows a user: the SchemaTasks generator runs, then the compiler and every SchemaTasks
/// analyzer report on the sources plus the generated code. For tests of which error comes first (or alone).
/// </summary>
public static class WholeBuild
{
    /// <summary>Every diagnostic the build reports on <paramref name="sources"/>, compiler's and analyzers'.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(params string[] sources)
    {
        var parseOptions = new CSharpParseOptions(TestCompilationSetup.LanguageVersion);
        var compilation = CSharpCompilation.Create(
            "WholeBuildTest",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"Source{i}.cs")),
            TestCompilationSetup.References,
            (CSharpCompilationOptions)TestCompilationSetup.WithProjectDefaults(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)])));
        var generators = TestCompilationSetup.SourceGenerators()
            .Select(type => ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator());
        CSharpGeneratorDriver.Create(generators, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);

        var analyzed = withGenerated.WithAnalyzers(AllAnalyzersTest.Analyzers, new AnalyzerOptions([]));
        return await analyzed.GetAllDiagnosticsAsync();
    }

    /// <summary>The ids of the errors among <paramref name="diagnostics"/>, in source order, each with its line for failure messages.</summary>
    public static string[] Errors(ImmutableArray<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
            .Select(d => d.Id)];

    /// <summary>Every diagnostic, one per line, for failure messages.</summary>
    public static string Describe(ImmutableArray<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
