using SchemaTasks.CodeFixes;
using Fix = SchemaTasks.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<SchemaTasks.Analyzers.Rules.TaskServiceNamingAnalyzer, SchemaTasks.CodeFixes.RenameTaskServiceCodeFixProvider>;

namespace SchemaTasks.Analyzers.Tests.CodeFixes;

/// <summary>The STK0107 fix: rename the class to &lt;Domain&gt;TaskService, references included.</summary>
public sealed class RenameTaskServiceFixTests
{
    [Theory]
    [InlineData("BillingService", "BillingTaskService")]
    [InlineData("BillingTasks", "BillingTaskService")]
    [InlineData("BillingTask", "BillingTaskService")]
    [InlineData("Billing", "BillingTaskService")]
    public void The_proposed_name_drops_a_trailing_Service_or_Tasks(string name, string expected)
    {
        Assert.Equal(expected, RenameTaskServiceCodeFixProvider.ProposeName(name));
    }

    [Fact]
    public async Task The_class_and_its_references_are_renamed()
    {
        await Fix.VerifyCodeFixAsync(
            TaskSource.WithConfig("""

                public sealed class {|STK0107:BillingService|}
                {
                    [SchemaTask("billing.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    public static BillingService Create() => new BillingService();
                }
                """),
            TaskSource.WithConfig("""

                public sealed class BillingTaskService
                {
                    [SchemaTask("billing.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    public static BillingTaskService Create() => new BillingTaskService();
                }
                """));
    }
}
