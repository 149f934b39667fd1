using SchemaTasks.Analyzers;
using SchemaTasks.Analyzers.Rules;
using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.OutOfMemoryMachineNotLargerAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0007: the out-of-memory machine is larger than the task's resolved machine.</summary>
public sealed class STK0007Tests
{
    [Fact]
    public async Task An_OutOfMemoryMachine_equal_to_the_machine_is_reported_on_the_argument_naming_the_task()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                [TaskMachine(Machine.Medium1x)]
                [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = {|#0:Machine.Medium1x|})]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task {|#1:RunAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic(DiagnosticDescriptors.SharedOutOfMemoryMachineNotLarger).WithLocation(0).WithLocation(1).WithArguments("Medium1x", "task 'ping.run' (Medium1x)", "set it one size up, to Machine.Medium2x"));
    }

    [Fact]
    public async Task A_shared_argument_too_small_for_several_tasks_is_reported_once_naming_each()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = {|#0:Machine.Small2x|})]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.small", Config = typeof(PingTaskConfig))]
                    public Task SmallAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.medium", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Medium1x)]
                    public Task {|#1:MediumAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.largest", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Large2x)]
                    public Task {|#2:LargestAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.same", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Small2x)]
                    public Task {|#3:SameAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            // ping.small (Small1x) is served by Small2x: not named. The others, once, in source order.
            Verify.Diagnostic(DiagnosticDescriptors.SharedOutOfMemoryMachineNotLarger).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments(
                "Small2x",
                "tasks 'ping.medium' (Medium1x), 'ping.largest' (Large2x) and 'ping.same' (Small2x)",
                "set it on each task, one size above its machine (Machine.Medium2x for 'ping.medium', none for 'ping.largest' (the largest), Machine.Medium1x for 'ping.same')"));
    }

    [Fact]
    public async Task A_method_argument_on_the_largest_machine_says_to_remove_it()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    [TaskMachine(Machine.Large2x)]
                    [TaskRetry(OutOfMemoryMachine = {|#0:Machine.Large1x|})]
                    public Task {|#1:RunAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic(DiagnosticDescriptors.OutOfMemoryMachineNotLarger).WithLocation(0).WithLocation(1).WithArguments(
                "Large1x", "task 'ping.run' (Large2x)", "no machine is larger than Large2x; remove OutOfMemoryMachine for this task"));
    }

    [Fact]
    public async Task The_task_default_machine_is_Small1x()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    [TaskRetry(OutOfMemoryMachine = {|#0:Machine.Micro|})]
                    public Task {|#1:RunAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic(DiagnosticDescriptors.OutOfMemoryMachineNotLarger).WithLocation(0).WithLocation(1).WithArguments("Micro", "task 'ping.run' (Small1x)", "set it one size up, to Machine.Small2x"));
    }

    [Fact]
    public async Task A_method_level_machine_replaces_the_config_machine_and_can_make_a_shared_retry_wrong_for_one_task()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                [TaskMachine(Machine.Small2x)]
                [TaskRetry(OutOfMemoryMachine = {|#0:Machine.Medium1x|})]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.small", Config = typeof(PingTaskConfig))]
                    public Task SmallAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.large", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Large1x)]
                    public Task {|#1:LargeAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic(DiagnosticDescriptors.SharedOutOfMemoryMachineNotLarger).WithLocation(0).WithLocation(1).WithArguments("Medium1x", "task 'ping.large' (Large1x)", "set it one size up, to Machine.Large2x"));
    }

    [Fact]
    public async Task The_diagnostic_carries_the_next_size_up_for_the_code_fix()
    {
        var source = SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    [TaskMachine(Machine.Medium2x)]
                    [TaskRetry(OutOfMemoryMachine = {|#0:Machine.Small2x|})]
                    public Task {|#1:RunAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """);
        var test = new Verify.Test { TestCode = source };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticDescriptors.OutOfMemoryMachineNotLarger).WithLocation(0).WithLocation(1).WithArguments("Small2x", "task 'ping.run' (Medium2x)", "set it one size up, to Machine.Large1x"));
        await test.RunAsync(TestContext.Current.CancellationToken);

        var diagnostic = await SingleDiagnosticAsync(source);
        Assert.Equal("Large1x", diagnostic.Properties[OutOfMemoryMachineNotLargerAnalyzer.SuggestedMachineProperty]);
    }

    [Fact]
    public async Task A_method_retry_that_sets_only_OutOfMemoryMachine_inherits_the_rest_and_satisfies_the_rule()
    {
        // The sample's backfill task: a bigger machine, and only the out-of-memory machine written on the method.
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            [TaskMachine(Machine.Small2x)]
            [TaskRetry(MaxAttempts = 3, MinTimeoutInMs = 60_000, MaxTimeoutInMs = 300_000, OutOfMemoryMachine = Machine.Medium1x)]
            public static class PingTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask("ping.large", Config = typeof(PingTaskConfig))]
                [TaskMachine(Machine.Medium1x)]
                [TaskRetry(OutOfMemoryMachine = Machine.Medium2x)]
                public Task LargeAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_method_retry_without_OutOfMemoryMachine_inherits_the_config_types_and_is_checked_against_the_tasks_machine()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                [TaskMachine(Machine.Small2x)]
                [TaskRetry(OutOfMemoryMachine = {|#0:Machine.Medium1x|})]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.large", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Medium1x)]
                    [TaskRetry(MaxAttempts = 5)]
                    public Task {|#1:LargeAsync|}(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic(DiagnosticDescriptors.SharedOutOfMemoryMachineNotLarger).WithLocation(0).WithLocation(1).WithArguments("Medium1x", "task 'ping.large' (Medium1x)", "set it one size up, to Machine.Medium2x"));
    }

    [Fact]
    public async Task A_larger_OutOfMemoryMachine_or_none_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            [TaskMachine(Machine.Small2x)]
            [TaskRetry(OutOfMemoryMachine = Machine.Medium1x)]
            public static class PingTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.no-oom")]
                [TaskRetry(MaxAttempts = 3)]
                public Task NoOomAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.default-machine")]
                [TaskRetry(OutOfMemoryMachine = Machine.Small2x)]
                public Task DefaultMachineAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    private static async Task<Microsoft.CodeAnalysis.Diagnostic> SingleDiagnosticAsync(string markup)
    {
        var source = markup.Replace("{|#0:", "", StringComparison.Ordinal).Replace("{|#1:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal);
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Test",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, cancellationToken: TestContext.Current.CancellationToken)],
            TestCompilationSetup.References,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        var diagnostics = await Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzerExtensions
            .WithAnalyzers(compilation, [new OutOfMemoryMachineNotLargerAnalyzer()])
            .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
        return Assert.Single(diagnostics);
    }
}
