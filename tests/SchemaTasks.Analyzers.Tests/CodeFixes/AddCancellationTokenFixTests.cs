using Microsoft.CodeAnalysis.Testing;
using Fix = SchemaTasks.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<SchemaTasks.Analyzers.Rules.CancellationTokenMissingOrUnusedAnalyzer, SchemaTasks.CodeFixes.AddCancellationTokenCodeFixProvider>;

namespace SchemaTasks.Analyzers.Tests.CodeFixes;

/// <summary>The STK0108 fix: add a CancellationToken parameter (the missing case only).</summary>
public sealed class AddCancellationTokenFixTests
{
    [Fact]
    public async Task The_token_is_added_last_and_fix_all_adds_it_to_every_task()
    {
        // The new token is not used yet: the rule's other case then asks the author to pass it on.
        var test = new Fix.Test
        {
            TestCode = TaskSource.WithConfig("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task {|STK0108:RunAsync|}(PingPayload payload) => Task.CompletedTask;

                    [SchemaTask("ping.wrapped", Config = typeof(PingTaskConfig))]
                    public Task {|STK0108:WrappedAsync|}(
                        PingPayload payload,
                        IServiceProvider services) => Task.CompletedTask;
                }
                """),
            FixedCode = TaskSource.WithConfig("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken {|STK0108:cancellationToken|}) => Task.CompletedTask;

                    [SchemaTask("ping.wrapped", Config = typeof(PingTaskConfig))]
                    public Task WrappedAsync(
                        PingPayload payload,
                        IServiceProvider services,
                        CancellationToken {|STK0108:cancellationToken|}) => Task.CompletedTask;
                }
                """),
        };

        // STK0108 is fixable, so markup of it in the fixed code is ignored unless allowed.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_using_for_System_Threading_is_added_when_missing()
    {
        var test = new Fix.Test
        {
            TestCode =
            """
            using System.Threading.Tasks;
            using SchemaTasks;

            namespace Acme;

            public sealed record PingPayload(int Id);

            [TaskQueue("ping", ConcurrencyLimit = 10)]
            public static class PingTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task {|STK0108:RunAsync|}(PingPayload payload) => Task.CompletedTask;
            }
            """,
            FixedCode = """
            using System.Threading;
            using System.Threading.Tasks;
            using SchemaTasks;

            namespace Acme;

            public sealed record PingPayload(int Id);

            [TaskQueue("ping", ConcurrencyLimit = 10)]
            public static class PingTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken {|STK0108:cancellationToken|}) => Task.CompletedTask;
            }
            """,
        };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_unused_token_gets_no_automatic_fix()
    {
        var source = TaskSource.WithConfig("""

                public sealed class PingTaskService
                {
                    [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken {|STK0108:cancellationToken|}) => Task.CompletedTask;
                }
                """);
        await Fix.VerifyCodeFixAsync(source, source);
    }
}
