using SchemaTasks.Analyzers.Tests.CodeFixes;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.TaskServiceNamingAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0107: a class that declares tasks is named &lt;Domain&gt;TaskService.</summary>
public sealed class STK0107Tests
{
    [Theory]
    [InlineData("BillingService")]
    [InlineData("BillingTasks")]
    [InlineData("Billing")]
    [InlineData("TaskService")]
    public async Task A_task_class_with_another_name_is_reported_on_its_name(string name)
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig($$"""

            public sealed class {|STK0107:{{name}}|}
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_well_named_task_service_and_a_class_without_tasks_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class Helpers
            {
                public Task RunAsync(PingPayload payload) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_partial_class_is_reported_once_on_the_part_that_declares_the_tasks()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed partial class Billing
            {
                public int Count { get; set; }
            }

            public sealed partial class {|STK0107:Billing|}
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }
}
