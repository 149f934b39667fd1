using SchemaTasks.Analyzers.Tests.CodeFixes;
using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.CancellationTokenMissingOrUnusedAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Robustness;

/// <summary>
/// In a project that references SchemaTasks but writes no task attribute, the rules about tasks register nothing
/// (they are read from the declarations' syntax once per compilation); a task attribute written any way the
/// compiler accepts, an alias in another file included, still brings them back.
/// </summary>
public sealed class WithoutTasksTests
{
    // Everything a task project has but the task attributes: payloads, validators, services with plain methods.
    private const string NoTaskCode = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using FluentValidation;

        namespace App;

        public sealed record OrderPayload(int OrderId);

        public sealed class OrderPayloadValidator : AbstractValidator<OrderPayload>;

        public sealed class Orders
        {
            [Obsolete("not a task")]
            public Task ShipAsync(OrderPayload payload) => Task.CompletedTask;

            public int Count { [Obsolete("not a task")] get; }
        }
        """;

    public static TheoryData<string> AnalyzerNames =>
        [.. AllAnalyzersTest.Analyzers.Select(analyzer => analyzer.GetType().Name)];

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public async Task An_analyzer_registers_nothing_in_a_project_that_writes_no_task_or_config_attribute(string analyzerName)
    {
        var (diagnostics, registeredActions) = await AnalyzerAlone.RunAsync(analyzerName, NoTaskCode, TestCompilationSetup.References);

        Assert.Empty(diagnostics);
        Assert.Equal(0, registeredActions);
    }

    [Fact]
    public async Task A_task_attribute_written_through_an_alias_declared_in_another_file_is_analyzed()
    {
        await Verify.VerifyAnalyzerAsync(
            [
                TaskSource.WithConfig("""

                    public sealed class PingTaskService
                    {
                        [Job("ping.run", Config = typeof(PingTaskConfig))]
                        public Task {|STK0108:RunAsync|}(PingPayload payload) => Task.CompletedTask;
                    }
                    """),
                "global using Job = SchemaTasks.SchemaTaskAttribute;",
            ]);
    }

    [Fact]
    public async Task A_task_attribute_written_with_its_full_name_is_analyzed()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [global::SchemaTasks.ScheduledTaskAttribute("ping.schedule", Cron = "0 * * * *", Config = typeof(PingTaskConfig))]
                public Task {|STK0108:ScheduleAsync|}(ScheduledRun run) => Task.CompletedTask;
            }
            """));
    }
}
