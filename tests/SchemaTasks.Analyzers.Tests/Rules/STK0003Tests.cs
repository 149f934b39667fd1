using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.DuplicateTaskIdAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0003: one task id, one task, in a compilation.</summary>
public sealed class STK0003Tests
{
    [Fact]
    public async Task Both_tasks_with_the_same_id_are_reported_each_naming_the_other()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                public sealed class PingTaskService
                {
                    [SchemaTask({|#0:"ping.run"|})]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask({|#1:"ping.run"|})]
                    public Task AgainAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("ping.run", "'PingTaskService.AgainAsync'"),
            Verify.Diagnostic().WithLocation(1).WithArguments("ping.run", "'PingTaskService.RunAsync'"));
    }

    [Fact]
    public async Task Every_declaration_is_reported_across_files_and_kinds()
    {
        await Verify.VerifyAnalyzerAsync(
            [
                SourcePrelude.With("""
                    public sealed class PingTaskService
                    {
                        [SchemaTask({|#2:"ping.run"|})]
                        public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                    }
                    """),
                SourcePrelude.Usings + """
                    public sealed class PongTaskService
                    {
                        [SchemaTask({|#0:"ping.run"|})]
                        public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                        [ScheduledTask({|#1:"ping.run"|}, Cron = "0 * * * *")]
                        public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
                    }
                    """,
            ],
            Verify.Diagnostic().WithLocation(2).WithArguments("ping.run", "'PongTaskService.RunAsync' and 'PongTaskService.ScheduleAsync'"),
            Verify.Diagnostic().WithLocation(0).WithArguments("ping.run", "'PingTaskService.RunAsync' and 'PongTaskService.ScheduleAsync'"),
            Verify.Diagnostic().WithLocation(1).WithArguments("ping.run", "'PingTaskService.RunAsync' and 'PongTaskService.RunAsync'"));
    }

    [Fact]
    public async Task Distinct_ids_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.run-again")]
                public Task AgainAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task Ids_differing_only_in_case_are_distinct_ids()
    {
        // The upper-case one is STK0002's to report; for STK0003 the ids are different strings.
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("Ping.Run")]
                public Task AgainAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }
}
