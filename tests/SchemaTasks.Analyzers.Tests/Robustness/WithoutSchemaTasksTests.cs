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
        var (diagnostics, registeredActions) =
            await AnalyzerAlone.RunAsync(analyzerName, LookalikeCode, Basic.Reference.Assemblies.Net100.References.All);

        Assert.Empty(diagnostics);
        Assert.Equal(0, registeredActions);
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public async Task The_same_analyzer_does_register_its_actions_when_SchemaTasks_is_referenced(string analyzerName)
    {
        // The control for the test above: telemetry does count what an active analyzer registers.
        var (_, registeredActions) = await AnalyzerAlone.RunAsync(analyzerName, LookalikeCode, TestCompilationSetup.References);

        Assert.True(registeredActions > 0);
    }
}
