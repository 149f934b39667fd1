using SchemaTasks.Analyzers.Rules;
using SchemaTasks.CodeFixes;
using RetryFix = SchemaTasks.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<SchemaTasks.Analyzers.Rules.MissingRetryConfigAnalyzer, SchemaTasks.CodeFixes.AddRetryConfigCodeFixProvider>;
using QueueFix = SchemaTasks.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<SchemaTasks.Analyzers.Rules.MissingQueueConfigAnalyzer, SchemaTasks.CodeFixes.AddQueueConfigCodeFixProvider>;

namespace SchemaTasks.Analyzers.Tests.CodeFixes;

/// <summary>The STK0101 and STK0102 fixes: add [TaskRetry] / [TaskQueue] to the shared config, else the method.</summary>
public sealed class RetryAndQueueFixTests
{
    [Fact]
    public async Task Retry_is_added_to_a_task_without_config_with_an_out_of_memory_machine_one_size_up()
    {
        await RetryFix.VerifyCodeFixAsync(
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask({|STK0101:"ping.run"|})]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    [TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1000, MaxTimeoutInMs = 60000, Randomize = true, OutOfMemoryMachine = Machine.Small2x)]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }

    [Fact]
    public async Task Retry_is_added_to_the_shared_config_type_sized_from_its_machine()
    {
        await RetryFix.VerifyCodeFixAsync(
            TaskSource.With("""

                [TaskQueue("ping", ConcurrencyLimit = 10)]
                [TaskMachine(Machine.Small2x)]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask({|STK0101:"ping.run"|}, Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            TaskSource.With("""

                [TaskQueue("ping", ConcurrencyLimit = 10)]
                [TaskMachine(Machine.Small2x)]
                [TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1000, MaxTimeoutInMs = 60000, Randomize = true, OutOfMemoryMachine = Machine.Medium1x)]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }

    [Fact]
    public async Task Fix_all_adds_retry_to_every_task_of_the_document()
    {
        await RetryFix.VerifyCodeFixAsync(
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask({|STK0101:"ping.run"|})]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask({|STK0101:"ping.big"|})]
                    [TaskMachine(Machine.Large2x)]
                    public Task BigAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    [TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1000, MaxTimeoutInMs = 60000, Randomize = true, OutOfMemoryMachine = Machine.Small2x)]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.big")]
                    [TaskMachine(Machine.Large2x)]
                    [TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1000, MaxTimeoutInMs = 60000, Randomize = true)]
                    public Task BigAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }

    [Fact]
    public async Task The_using_for_SchemaTasks_is_added_to_a_config_file_that_lacks_it()
    {
        var test = new RetryFix.Test();
        test.TestState.Sources.Add(("/0/Config.cs", """
            namespace Acme;

            public static class PingTaskConfig;
            """));
        test.TestState.Sources.Add(("/0/Service.cs", TaskSource.With("""

            public sealed class PingTaskService
            {
                [SchemaTask({|STK0101:"ping.run"|}, Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """)));
        test.FixedState.Sources.Add(("/0/Config.cs", """
            using SchemaTasks;

            namespace Acme;

            [TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1000, MaxTimeoutInMs = 60000, Randomize = true, OutOfMemoryMachine = Machine.Small2x)]
            public static class PingTaskConfig;
            """));
        test.FixedState.Sources.Add(("/0/Service.cs", TaskSource.With("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """)));
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Queue_is_added_to_the_shared_config_named_after_the_domain()
    {
        await QueueFix.VerifyCodeFixAsync(
            TaskSource.With("""

                [TaskRetry(MaxAttempts = 3)]
                public static class MonthlyProrationTaskConfig;

                public sealed class MonthlyProrationTaskService
                {
                    [SchemaTask({|STK0102:"billing.prorate"|}, Config = typeof(MonthlyProrationTaskConfig))]
                    public Task ProrateAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            TaskSource.With("""

                [TaskRetry(MaxAttempts = 3)]
                [TaskQueue("monthly-proration", ConcurrencyLimit = 10)]
                public static class MonthlyProrationTaskConfig;

                public sealed class MonthlyProrationTaskService
                {
                    [SchemaTask("billing.prorate", Config = typeof(MonthlyProrationTaskConfig))]
                    public Task ProrateAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }

    [Fact]
    public async Task Fix_all_adds_a_queue_to_every_task_method_without_config()
    {
        await QueueFix.VerifyCodeFixAsync(
            TaskSource.With("""

                public sealed class BillingService
                {
                    [SchemaTask({|STK0102:"billing.one"|})]
                    public Task OneAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask({|STK0102:"billing.two"|})]
                    public Task TwoAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            TaskSource.With("""

                public sealed class BillingService
                {
                    [SchemaTask("billing.one")]
                    [TaskQueue("billing", ConcurrencyLimit = 10)]
                    public Task OneAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("billing.two")]
                    [TaskQueue("billing", ConcurrencyLimit = 10)]
                    public Task TwoAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }

    [Fact]
    public async Task Fix_all_adds_one_queue_to_a_config_type_that_two_tasks_share()
    {
        var test = new QueueFix.Test
        {
            TestCode = TaskSource.With("""

                [TaskRetry(MaxAttempts = 3)]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask({|STK0102:"ping.one"|}, Config = typeof(PingTaskConfig))]
                    public Task OneAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask({|STK0102:"ping.two"|}, Config = typeof(PingTaskConfig))]
                    public Task TwoAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            FixedCode = TaskSource.With("""

                [TaskRetry(MaxAttempts = 3)]
                [TaskQueue("ping", ConcurrencyLimit = 10)]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.one", Config = typeof(PingTaskConfig))]
                    public Task OneAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.two", Config = typeof(PingTaskConfig))]
                    public Task TwoAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
        };
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_fixes_offer_Fix_All()
    {
        Assert.NotNull(new AddRetryConfigCodeFixProvider().GetFixAllProvider());
        Assert.NotNull(new AddQueueConfigCodeFixProvider().GetFixAllProvider());
        Assert.Equal(ConfigFixProperties.Target, TaskConfigTargets.TargetProperty);
        Assert.Equal(ConfigFixProperties.OutOfMemoryMachine, TaskConfigTargets.OutOfMemoryMachineProperty);
        Assert.Equal(ConfigFixProperties.QueueName, TaskConfigTargets.QueueNameProperty);
    }
}
