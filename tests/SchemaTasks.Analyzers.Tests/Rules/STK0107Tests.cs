using SchemaTasks.Analyzers.Tests.CodeFixes;
using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.TaskServiceNamingAnalyzer>;
using VerifyDomains = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.TaskServiceDomainCollisionAnalyzer>;

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

    [Theory]
    [InlineData("InvoiceTasks", "its generated types are 'IInvoiceTasksTasker' and 'AddInvoiceTasksTasker'; rename it to 'InvoiceTaskService' for 'IInvoiceTasker' and 'AddInvoiceTasker'")]
    [InlineData("BillingService", "its generated types are 'IBillingTasker' and 'AddBillingTasker'; rename it to 'BillingTaskService' for 'IBillingTasker' and 'AddBillingTasker'")]
    [InlineData("Tasks", "its generated types are 'ITasksTasker' and 'AddTasksTasker'; rename it to 'TasksTaskService' for 'ITasksTasker' and 'AddTasksTasker'")] // a suffix alone stays whole
    public async Task The_message_names_the_generated_types_now_and_after_the_rename(string name, string advice)
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With($$"""
                public sealed class {|#0:{{name}}|}
                {
                    [SchemaTask("ping.run")]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(name, advice));
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

    [Fact]
    public async Task Two_task_services_of_one_domain_in_other_namespaces_are_each_reported_naming_the_other()
    {
        await VerifyDomains.VerifyAnalyzerAsync(
            [
                SourcePrelude.With("""
                    namespace Acme.Billing
                    {
                        public sealed class {|#0:CalendarsTaskService|}
                        {
                            [SchemaTask("billing.sync")]
                            public Task SyncAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                        }
                    }
                    """),
                SourcePrelude.Usings + """
                    namespace Acme.Scheduling
                    {
                        public sealed class Calendars
                        {
                            public int Count { get; set; }
                        }

                        public sealed partial class CalendarsService
                        {
                            public int Size { get; set; }
                        }

                        public sealed partial class {|#1:CalendarsService|}
                        {
                            [ScheduledTask("scheduling.nightly", Cron = "0 3 * * *")]
                            public Task NightlyAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
                        }
                    }
                    """,
            ],
            VerifyDomains.Diagnostic(DiagnosticDescriptors.TaskServiceDomainCollision).WithLocation(0)
                .WithArguments("Acme.Billing.CalendarsTaskService", "Calendars", "'Acme.Scheduling.CalendarsService'"),
            VerifyDomains.Diagnostic(DiagnosticDescriptors.TaskServiceDomainCollision).WithLocation(1)
                .WithArguments("Acme.Scheduling.CalendarsService", "Calendars", "'Acme.Billing.CalendarsTaskService'"));
    }

    [Fact]
    public async Task A_class_whose_every_task_is_dropped_and_distinct_domains_are_not_reported()
    {
        // Acme.Legacy.CalendarsTaskService generates nothing (its one task returns void, STK0001), so its domain
        // does not collide; Acme.Other.Calendar is another domain.
        await VerifyDomains.VerifyAnalyzerAsync(SourcePrelude.With("""
            namespace Acme.Billing
            {
                public sealed class CalendarsTaskService
                {
                    [SchemaTask("billing.sync")]
                    public Task SyncAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
            }

            namespace Acme.Legacy
            {
                public sealed class CalendarsTaskService
                {
                    [SchemaTask("legacy.sync")]
                    public void Sync(PingPayload payload) { }
                }
            }

            namespace Acme.Other
            {
                public sealed class CalendarTaskService
                {
                    [SchemaTask("other.sync")]
                    public Task SyncAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
            }
            """));
    }
}
