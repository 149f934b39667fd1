using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using SchemaTasks.Analyzers.Tests.Verifiers;

namespace SchemaTasks.Analyzers.Tests.Robustness;

/// <summary>
/// Runs one analyzer alone over one source and says what it reported and how many actions it registered, from
/// Roslyn's own telemetry: the robustness tests' proof that a rule costs nothing where it has nothing to check.
/// </summary>
internal static class AnalyzerAlone
{
    /// <summary>The analyzer of <paramref name="analyzerName"/> (a type name of <see cref="AllAnalyzersTest.Analyzers"/>) over <paramref name="source"/>.</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, int RegisteredActions)> RunAsync(
        string analyzerName, string source, IEnumerable<MetadataReference> references)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var analyzer = AllAnalyzersTest.Analyzers.Single(a => a.GetType().Name == analyzerName);
        var compilation = CSharpCompilation.Create(
            "Analyzed",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: cancellationToken)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        var withAnalyzers = compilation.WithAnalyzers(
            [analyzer],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));

        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken);
        return (diagnostics, RegisteredActions(telemetry));
    }

    // Every kind of action but the compilation start, which every SchemaTasks analyzer registers to decide the rest.
    private static int RegisteredActions(AnalyzerTelemetryInfo telemetry) =>
        telemetry.CompilationActionsCount + telemetry.CompilationEndActionsCount +
        telemetry.SyntaxTreeActionsCount + telemetry.AdditionalFileActionsCount + telemetry.SemanticModelActionsCount +
        telemetry.SymbolActionsCount + telemetry.SymbolStartActionsCount + telemetry.SymbolEndActionsCount +
        telemetry.SyntaxNodeActionsCount +
        telemetry.CodeBlockStartActionsCount + telemetry.CodeBlockEndActionsCount + telemetry.CodeBlockActionsCount +
        telemetry.OperationActionsCount + telemetry.OperationBlockStartActionsCount + telemetry.OperationBlockEndActionsCount +
        telemetry.OperationBlockActionsCount;
}
