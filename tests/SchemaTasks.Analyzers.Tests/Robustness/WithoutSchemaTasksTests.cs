using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Tests.Verifiers;

namespace SchemaTasks.Analyzers.Tests.Robustness;

/// <summary>
/// In a project that does not reference SchemaTasks every analyzer stays idle: it registers nothing past its
/// compilation start, so it costs nothing, even on code that would break every rule.
/// </summary>
public sealed class WithoutSchemaTasksTests
{
    private const string LookalikeCode = """
        using System;
        using System.Threading.Tasks;

        namespace Lookalike
        {
            public sealed class SchemaTaskAttribute(string id) : Attribute { public string Id { get; } = id; }
            public sealed class HeavyDependencyAttribute : Attribute;
            public sealed class TaskQueueAttribute(string name) : Attribute { public string Name { get; } = name; }
        }

        namespace App
        {
            [Lookalike.HeavyDependency]
            public interface IHeavy;

            [Lookalike.TaskQueue("billing")]
            public sealed class Billing(IHeavy heavy)
            {
                [Lookalike.SchemaTask("Bad Id")]
                public async Task RunAsync(object payload)
                {
                    try { await Task.Yield(); } catch (Exception) { }
                    _ = heavy;
                }
            }
        }
        """;

    public static TheoryData<string> AnalyzerNames =>
        [.. AllAnalyzersTest.Analyzers.Select(analyzer => analyzer.GetType().Name)];

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public async Task An_analyzer_registers_nothing_and_reports_nothing_without_a_SchemaTasks_reference(string analyzerName)
    {
        var analyzer = AllAnalyzersTest.Analyzers.Single(a => a.GetType().Name == analyzerName);
        var compilation = CSharpCompilation.Create(
            "NoSchemaTasks",
            [CSharpSyntaxTree.ParseText(LookalikeCode, new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: TestContext.Current.CancellationToken)],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var withAnalyzers = compilation.WithAnalyzers(
            [analyzer],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));

        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, TestContext.Current.CancellationToken);

        Assert.Empty(diagnostics);
        Assert.Equal(
            (0, 0, 0, 0, 0, 0),
            (telemetry.SymbolActionsCount, telemetry.SyntaxNodeActionsCount, telemetry.OperationActionsCount,
             telemetry.CompilationEndActionsCount, telemetry.SyntaxTreeActionsCount, telemetry.SemanticModelActionsCount));
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public async Task The_same_analyzer_does_register_its_actions_when_SchemaTasks_is_referenced(string analyzerName)
    {
        // The control for the test above: telemetry does count what an active analyzer registers.
        var analyzer = AllAnalyzersTest.Analyzers.Single(a => a.GetType().Name == analyzerName);
        var compilation = CSharpCompilation.Create(
            "WithSchemaTasks",
            [CSharpSyntaxTree.ParseText(LookalikeCode, new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: TestContext.Current.CancellationToken)],
            TestCompilationSetup.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var withAnalyzers = compilation.WithAnalyzers(
            [analyzer],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));

        await withAnalyzers.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, TestContext.Current.CancellationToken);

        Assert.True(
            telemetry.SymbolActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.OperationActionsCount +
            telemetry.CompilationEndActionsCount + telemetry.SyntaxTreeActionsCount + telemetry.SemanticModelActionsCount +
            telemetry.SymbolStartActionsCount > 0);
    }
}
