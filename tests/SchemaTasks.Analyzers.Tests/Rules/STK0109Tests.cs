using SchemaTasks.Analyzers.Tests.CodeFixes;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.ConfigOnTaskInsteadOfSharedTypeAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0109 (info): config attributes written on the task method.</summary>
public sealed class STK0109Tests
{
    [Fact]
    public async Task Each_config_attribute_on_a_task_without_a_config_type_is_reported_once_on_the_attribute()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.other")]
                [{|STK0109:TaskQueue("other", ConcurrencyLimit = 1)|}, {|STK0109:TaskRetry(OutOfMemoryMachine = Machine.Small2x)|}]
                [{|STK0109:TaskMaxDuration(60)|}]
                public Task OtherAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task Config_on_a_shared_type_an_override_of_it_or_on_a_method_that_is_not_a_task_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                // An override of the shared config on one task: the way to put one task on a bigger machine. Only the
                // arguments written on the method override; the rest is inherited from PingTaskConfig.
                [SchemaTask("ping.heavy", Config = typeof(PingTaskConfig))]
                [TaskMachine(Machine.Medium1x)]
                [TaskRetry(OutOfMemoryMachine = Machine.Medium2x)]
                [TaskMaxDuration(600)]
                public Task HeavyAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [TaskMachine(Machine.Medium1x)]
                public Task HelperAsync() => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task The_message_names_the_task_and_the_attribute()
    {
        await Verify.VerifyAnalyzerAsync(
            TaskSource.WithConfig("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    [TaskMachine(Machine.Medium1x)]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithSpan(23, 6, 23, 35).WithArguments("ping.run", "TaskMachine"));
    }
}
