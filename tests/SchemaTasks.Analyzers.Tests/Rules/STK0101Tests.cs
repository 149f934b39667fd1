using SchemaTasks.Analyzers.Tests.CodeFixes;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.MissingRetryConfigAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0101: a task with no [TaskRetry] on the method nor on its config type.</summary>
public sealed class STK0101Tests
{
    [Fact]
    public async Task A_task_without_any_config_is_reported_on_its_id()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.With("""

            public sealed class PingTaskService
            {
                [SchemaTask({|STK0101:"ping.run"|})]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task The_message_names_the_attribute_and_a_new_config_type_named_after_the_domain()
    {
        await Verify.VerifyAnalyzerAsync(
            TaskSource.With("""

                public sealed class InvoicesTaskService
                {
                    [SchemaTask({|#0:"invoices.send"|})]
                    [TaskMachine(Machine.Medium1x)]
                    public Task SendAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "invoices.send",
                "TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1000, MaxTimeoutInMs = 60000, Randomize = true, OutOfMemoryMachine = Machine.Medium2x)",
                "a shared config type 'public static class InvoicesTaskConfig;' named by Config = typeof(InvoicesTaskConfig) on the task"));
    }

    [Fact]
    public async Task The_message_names_the_config_type_the_task_already_uses()
    {
        await Verify.VerifyAnalyzerAsync(
            TaskSource.With("""

                [TaskQueue("invoices", ConcurrencyLimit = 10)]
                public static class BillingConfig;

                public sealed class InvoicesTaskService
                {
                    [SchemaTask({|#0:"invoices.send"|}, Config = typeof(BillingConfig))]
                    [TaskMachine(Machine.Large2x)]
                    public Task SendAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            // The largest machine has no size up: the attribute names none.
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "invoices.send",
                "TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1000, MaxTimeoutInMs = 60000, Randomize = true)",
                "its config type 'BillingConfig'"));
    }

    [Fact]
    public async Task A_task_whose_config_type_has_no_retry_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.With("""

            [TaskQueue("ping", ConcurrencyLimit = 10)]
            public static class PingTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask({|STK0101:"ping.run"|}, Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [ScheduledTask({|STK0101:"ping.schedule"|}, Cron = "0 * * * *", Config = typeof(PingTaskConfig))]
                public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_task_with_retry_on_its_config_type_or_on_the_method_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.other")]
                [TaskRetry(MaxAttempts = 5)]
                public Task OtherAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task A_method_without_a_task_attribute_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.With("""

            public sealed class PingTaskService
            {
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task Nothing_is_reported_when_the_compilation_does_not_reference_SchemaTasks()
    {
        var test = new Verify.Test
        {
            TestCode = """
                namespace SchemaTasksLookalike
                {
                    public sealed class SchemaTaskAttribute(string id) : System.Attribute { public string Id { get; } = id; }
                }

                public sealed class PingService
                {
                    [SchemaTasksLookalike.SchemaTask("ping.run")]
                    public System.Threading.Tasks.Task RunAsync(int payload) => System.Threading.Tasks.Task.CompletedTask;
                }
                """,
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
