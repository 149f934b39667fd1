using OomFix = SchemaTasks.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<SchemaTasks.Analyzers.Rules.MissingOutOfMemoryMachineAnalyzer, SchemaTasks.CodeFixes.OutOfMemoryMachineCodeFixProvider>;
using NotLargerFix = SchemaTasks.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<SchemaTasks.Analyzers.Rules.OutOfMemoryMachineNotLargerAnalyzer, SchemaTasks.CodeFixes.OutOfMemoryMachineCodeFixProvider>;

namespace SchemaTasks.Analyzers.Tests.CodeFixes;

/// <summary>The STK0103 and STK0007 fixes: OutOfMemoryMachine one size above the task's machine.</summary>
public sealed class OutOfMemoryMachineFixTests
{
    [Fact]
    public async Task The_out_of_memory_machine_is_added_to_a_method_retry()
    {
        await OomFix.VerifyCodeFixAsync(
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    [TaskMachine(Machine.Medium1x)]
                    [{|STK0103:TaskRetry(MaxAttempts = 3)|}]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run")]
                    [TaskMachine(Machine.Medium1x)]
                    [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = Machine.Medium2x)]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }

    [Fact]
    public async Task The_out_of_memory_machine_is_added_to_a_shared_retry_that_wraps_its_arguments()
    {
        await OomFix.VerifyCodeFixAsync(
            TaskSource.With("""

                [TaskMachine(Machine.Small2x)]
                [TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 60_000,
                           MaxTimeoutInMs = 300_000)]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = {|STK0103:typeof(PingTaskConfig)|})]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            TaskSource.With("""

                [TaskMachine(Machine.Small2x)]
                [TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 60_000,
                           MaxTimeoutInMs = 300_000,
                           OutOfMemoryMachine = Machine.Medium1x)]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }

    [Fact]
    public async Task Fix_all_completes_every_retry_of_the_document()
    {
        await OomFix.VerifyCodeFixAsync(
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.one")]
                    [{|STK0103:TaskRetry|}]
                    public Task OneAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.two")]
                    [TaskMachine(Machine.Large1x)]
                    [{|STK0103:TaskRetry()|}]
                    public Task TwoAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.one")]
                    [TaskRetry(OutOfMemoryMachine = Machine.Small2x)]
                    public Task OneAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.two")]
                    [TaskMachine(Machine.Large1x)]
                    [TaskRetry(OutOfMemoryMachine = Machine.Large2x)]
                    public Task TwoAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }

    [Fact]
    public async Task A_too_small_out_of_memory_machine_is_replaced_by_the_next_size_up()
    {
        await NotLargerFix.VerifyCodeFixAsync(
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.one")]
                    [TaskMachine(Machine.Medium2x)]
                    [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = {|STK0007:Machine.Small2x|})]
                    public Task OneAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.two")]
                    [TaskMachine(Machine.Small2x)]
                    [TaskRetry(OutOfMemoryMachine = {|STK0007:Machine.Small2x|})]
                    public Task TwoAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            TaskSource.With("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.one")]
                    [TaskMachine(Machine.Medium2x)]
                    [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = Machine.Large1x)]
                    public Task OneAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.two")]
                    [TaskMachine(Machine.Small2x)]
                    [TaskRetry(OutOfMemoryMachine = Machine.Medium1x)]
                    public Task TwoAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """));
    }

    [Fact]
    public async Task A_shared_retry_too_small_for_one_task_gets_OutOfMemoryMachine_on_that_task_only()
    {
        // The shared config stays as it is (it suits the other task); the method's new [TaskRetry] inherits the rest.
        var test = new NotLargerFix.Test
        {
            // Reported from the task's analysis on the shared config's argument: a non-local diagnostic, which the
            // build and full-solution analysis show; the fix edits the task method.
            CodeFixTestBehaviors = Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = TaskSource.With("""

                [TaskMachine(Machine.Small2x)]
                [TaskRetry(MaxAttempts = 3, MinTimeoutInMs = 60_000, MaxTimeoutInMs = 300_000, OutOfMemoryMachine = {|STK0007:Machine.Medium1x|})]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.small", Config = typeof(PingTaskConfig))]
                    public Task SmallAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.backfill", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Medium1x)]
                    public Task BackfillAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            FixedCode = TaskSource.With("""

                [TaskMachine(Machine.Small2x)]
                [TaskRetry(MaxAttempts = 3, MinTimeoutInMs = 60_000, MaxTimeoutInMs = 300_000, OutOfMemoryMachine = Machine.Medium1x)]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.small", Config = typeof(PingTaskConfig))]
                    public Task SmallAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.backfill", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Medium1x)]
                    [TaskRetry(OutOfMemoryMachine = Machine.Medium2x)]
                    public Task BackfillAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
        };
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
    [Fact]
    public async Task A_shared_retry_too_small_for_several_tasks_gets_OutOfMemoryMachine_on_each_of_them()
    {
        var test = new NotLargerFix.Test
        {
            CodeFixTestBehaviors = Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = TaskSource.With("""

                [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = {|STK0007:Machine.Small2x|})]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.small", Config = typeof(PingTaskConfig))]
                    public Task SmallAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.medium", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Medium1x)]
                    public Task MediumAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.large", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Large1x)]
                    [TaskRetry(MaxAttempts = 5)]
                    public Task LargeAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
            FixedCode = TaskSource.With("""

                [TaskRetry(MaxAttempts = 3, OutOfMemoryMachine = Machine.Small2x)]
                public static class PingTaskConfig;

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.small", Config = typeof(PingTaskConfig))]
                    public Task SmallAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.medium", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Medium1x)]
                    [TaskRetry(OutOfMemoryMachine = Machine.Medium2x)]
                    public Task MediumAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    [SchemaTask("ping.large", Config = typeof(PingTaskConfig))]
                    [TaskMachine(Machine.Large1x)]
                    [TaskRetry(MaxAttempts = 5, OutOfMemoryMachine = Machine.Large2x)]
                    public Task LargeAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """),
        };
        await test.RunAsync(TestContext.Current.CancellationToken);
    }
}
