using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.ConflictingQueueLimitsAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0009: every declaration of one queue declares the same limits.</summary>
public sealed class STK0009Tests
{
    [Fact]
    public async Task A_second_declaration_with_another_limit_is_reported_on_the_limit()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                [TaskQueue("ping", ConcurrencyLimit = 10)]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.other")]
                    [TaskQueue("ping", ConcurrencyLimit = {|#0:20|})]
                    public Task OtherAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("ping", "ConcurrencyLimit = 20", "ConcurrencyLimit = 10"));
    }

    [Fact]
    public async Task A_different_total_limit_is_reported_on_the_total()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                [TaskQueue("ping", ConcurrencyLimit = 10, TotalConcurrencyLimit = 50)]
                public static class PingTaskConfig;

                [TaskQueue("ping", ConcurrencyLimit = 10, TotalConcurrencyLimit = {|#0:40|})]
                public static class OtherPingTaskConfig;
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "ping", "ConcurrencyLimit = 10, TotalConcurrencyLimit = 40", "ConcurrencyLimit = 10, TotalConcurrencyLimit = 50"));
    }

    [Fact]
    public async Task An_unset_limit_counts_as_its_default_and_is_reported_on_the_name()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                [TaskQueue("ping", ConcurrencyLimit = 10)]
                public static class PingTaskConfig;

                [TaskQueue({|#0:"ping"|})]
                public static class OtherPingTaskConfig;
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("ping", "ConcurrencyLimit = 100000", "ConcurrencyLimit = 10"));
    }

    [Fact]
    public async Task Declarations_across_files_are_compared_and_the_first_file_sets_the_limits()
    {
        await Verify.VerifyAnalyzerAsync(
            [
                SourcePrelude.Usings + """
                    [TaskQueue("ping", ConcurrencyLimit = 10)]
                    public static class PingTaskConfig;
                    """,
                SourcePrelude.Usings + """
                    [TaskQueue("ping", ConcurrencyLimit = {|#0:5|})]
                    public static class SecondPingTaskConfig;

                    [TaskQueue("ping", ConcurrencyLimit = 10)]
                    public static class ThirdPingTaskConfig;

                    [TaskQueue("ping", ConcurrencyLimit = {|#1:7|})]
                    public static class FourthPingTaskConfig;
                    """,
            ],
            Verify.Diagnostic().WithLocation(0).WithArguments("ping", "ConcurrencyLimit = 5", "ConcurrencyLimit = 10"),
            Verify.Diagnostic().WithLocation(1).WithArguments("ping", "ConcurrencyLimit = 7", "ConcurrencyLimit = 10"));
    }

    [Fact]
    public async Task Agreeing_declarations_and_different_queues_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            [TaskQueue("ping", ConcurrencyLimit = 10)]
            public static class PingTaskConfig;

            [TaskQueue("ping", ConcurrencyLimit = 10)]
            public static class AlsoPingTaskConfig;

            [TaskQueue("pong", ConcurrencyLimit = 20)]
            public static class PongTaskConfig;

            [TaskQueue("Ping", ConcurrencyLimit = 30)]
            public static class OtherCaseTaskConfig;
            """));
    }
}
