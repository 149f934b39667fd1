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
