using SchemaTasks.Analyzers.Rules;
using SchemaTasks.Analyzers.Tests.CodeFixes;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.MissingQueueConfigAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0102: a task with no [TaskQueue] on the method nor on its config type.</summary>
public sealed class STK0102Tests
{
    [Fact]
    public async Task The_message_names_the_attribute_with_the_domain_queue_and_where_to_put_it()
    {
        await Verify.VerifyAnalyzerAsync(
            TaskSource.With("""

                [TaskRetry(MaxAttempts = 3)]
                public static class InvoicesTaskConfig;

                public sealed class InvoiceBatchesTaskService
                {
                    [SchemaTask({|#0:"invoices.send"|})]
                    public Task SendAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask({|#1:"invoices.void"|}, Config = typeof(InvoicesTaskConfig))]
                    public Task VoidAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "invoices.send",
                "TaskQueue(\"invoice-batches\", ConcurrencyLimit = 10)",
                "a shared config type 'public static class InvoiceBatchesTaskConfig;' named by Config = typeof(InvoiceBatchesTaskConfig) on the task"),
            Verify.Diagnostic().WithLocation(1).WithArguments(
                "invoices.void",
                "TaskQueue(\"invoice-batches\", ConcurrencyLimit = 10)",
                "its config type 'InvoicesTaskConfig'"));
    }

    [Fact]
    public async Task A_task_without_a_queue_is_reported_on_its_id()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.With("""

            [TaskRetry(MaxAttempts = 3)]
            public static class PingTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask({|STK0102:"ping.run"|}, Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask({|STK0102:"ping.bare"|})]
                public Task BareAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_task_with_a_queue_on_its_config_type_or_on_the_method_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.other")]
                [TaskQueue("other", ConcurrencyLimit = 2)]
                public Task OtherAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Theory]
    [InlineData("CalendarsTaskService", "calendars")]
    [InlineData("MonthlyProrationTaskService", "monthly-proration")]
    [InlineData("BillingService", "billing")]
    [InlineData("HTTPWebhooksTaskService", "http-webhooks")]
    [InlineData("Sync2FactorTaskService", "sync2-factor")]
    [InlineData("Billing", "billing")]
    public void The_proposed_queue_is_the_domain_in_kebab_case(string service, string queue)
    {
        Assert.Equal(queue, QueueNames.FromServiceName(service));
    }
}
