using SchemaTasks.Analyzers.Tests.CodeFixes;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.MissingOutOfMemoryMachineAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0103: a retry config that sets no OutOfMemoryMachine.</summary>
public sealed class STK0103Tests
{
    [Fact]
    public async Task A_retry_on_the_method_without_an_out_of_memory_machine_is_reported_on_the_attribute()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.With("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                [{|STK0103:TaskRetry(MaxAttempts = 3)|}]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task The_message_names_the_size_to_add_one_above_the_tasks_machine()
    {
        await Verify.VerifyAnalyzerAsync(
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    [TaskMachine(Machine.Medium1x)]
                    [{|#0:TaskRetry(MaxAttempts = 3)|}]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("ping.run", "Medium2x", "Medium1x"));
    }

    [Fact]
    public async Task A_shared_retry_without_an_out_of_memory_machine_is_reported_on_each_task_config_argument()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.With("""

            [TaskRetry(MaxAttempts = 3)]
            public static class PingTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = {|STK0103:typeof(PingTaskConfig)|})]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.other", Config = {|STK0103:typeof(PingTaskConfig)|})]
                public Task OtherAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    // A config type's config is read once per compilation for every task that names it: each task still gets its
    // own config type's (machine, retry and where they are written), and a retry written on the method wins.
    [Fact]
    public async Task Tasks_of_one_class_naming_different_config_types_each_get_their_own_and_a_method_retry_overrides_the_shared_one()
    {
        await Verify.VerifyAnalyzerAsync(
            TaskSource.With("""

                [TaskMachine(Machine.Small2x)]
                [{|#1:TaskRetry(MaxAttempts = 3)|}]
                public static class BatchTaskConfig;

                [TaskMachine(Machine.Medium1x)]
                [{|#3:TaskRetry(MaxAttempts = 5)|}]
                public static class ImportTaskConfig;

                [TaskMachine(Machine.Small2x)]
                [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = Machine.Medium1x)]
                public static class ExportTaskConfig;

                public sealed class ReportsTaskService
                {
                    [SchemaTask("reports.batch", Config = {|#0:typeof(BatchTaskConfig)|})]
                    public Task BatchAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("reports.import", Config = {|#2:typeof(ImportTaskConfig)|})]
                    public Task ImportAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("reports.export", Config = typeof(ExportTaskConfig))]
                    public Task ExportAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("reports.own", Config = typeof(BatchTaskConfig))]
                    [TaskRetry(MaxAttempts = 2, OutOfMemoryMachine = Machine.Medium1x)]
                    public Task OwnAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("reports.again", Config = {|#4:typeof(BatchTaskConfig)|})]
                    public Task AgainAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("reports.batch", "Medium1x", "Small2x"),
            Verify.Diagnostic().WithLocation(2).WithLocation(3).WithArguments("reports.import", "Medium2x", "Medium1x"),
            Verify.Diagnostic().WithLocation(4).WithLocation(1).WithArguments("reports.again", "Medium1x", "Small2x"));
    }

    [Fact]
    public async Task A_retry_with_an_out_of_memory_machine_or_no_retry_at_all_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.bare")]
                public Task BareAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_task_on_the_largest_machine_has_no_larger_machine_to_ask_for()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.With("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run")]
                [TaskMachine(Machine.Large2x)]
                [TaskRetry(MaxAttempts = 3)]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }
}
