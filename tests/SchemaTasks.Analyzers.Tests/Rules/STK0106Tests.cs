using SchemaTasks.Analyzers.Rules;
using SchemaTasks.Analyzers.Tests.CodeFixes;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.ExceptionSwallowedAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0106: a task method's catch-all that neither rethrows nor throws.</summary>
public sealed class STK0106Tests
{
    private static string Service(string body) => TaskSource.WithConfig($$"""

        public sealed class PingTaskService
        {
            [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
            public async Task RunAsync(PingPayload payload, CancellationToken cancellationToken)
            {
        {{body}}
            }

            private static Task WorkAsync(CancellationToken cancellationToken) => Task.Delay(1, cancellationToken);
        }
        """);

    [Theory]
    [InlineData("catch (Exception)")]
    [InlineData("catch (Exception ex)")]
    [InlineData("catch (System.Exception ex)")]
    [InlineData("catch")]
    [InlineData("catch (Exception) when (true)")]
    [InlineData("catch (Exception ex) when (1 == 1)")]
    public async Task A_catch_all_that_does_not_throw_is_reported_on_its_header(string header)
    {
        await Verify.VerifyAnalyzerAsync(Service($$"""
                    try
                    {
                        await WorkAsync(cancellationToken);
                    }
                    [|{{header}}|]
                    {
                        Console.WriteLine("failed");
                    }
            """));
    }

    [Fact]
    public async Task A_catch_all_that_logs_and_returns_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(Service("""
                    try
                    {
                        await WorkAsync(cancellationToken);
                    }
                    [|catch (Exception ex)|]
                    {
                        Console.WriteLine(ex);
                        return;
                    }
            """));
    }

    [Theory]
    [InlineData("catch (Exception) { throw; }")]
    [InlineData("catch (Exception ex) { throw ex; }")]
    [InlineData("catch (Exception ex) { Console.WriteLine(ex); throw new InvalidOperationException(\"again\", ex); }")]
    [InlineData("catch (Exception ex) { if (ex is TimeoutException) { return; } throw; }")]
    [InlineData("catch (InvalidOperationException) { }")]
    [InlineData("catch (Exception ex) when (ex is TimeoutException) { }")]
    [InlineData("catch (Exception ex) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw(); }")]
    [InlineData("catch (Exception ex) { _ = ex.Message ?? throw new InvalidOperationException(); }")]
    public async Task A_catch_that_throws_or_catches_less_than_everything_is_not_reported(string catchClause)
    {
        await Verify.VerifyAnalyzerAsync(Service($$"""
                    try
                    {
                        await WorkAsync(cancellationToken);
                    }
                    {{catchClause}}
            """));
    }

    [Theory]
    [InlineData("catch (Exception ex) when (ex is not OperationCanceledException)")]
    [InlineData("catch (Exception ex) when (ex is not TaskCanceledException)")]
    [InlineData("catch (Exception ex) when (!(ex is OperationCanceledException))")]
    [InlineData("catch (Exception ex) when (ex is not (OperationCanceledException or TaskCanceledException))")]
    [InlineData("catch (Exception) when (!cancellationToken.IsCancellationRequested)")]
    [InlineData("catch (Exception ex) when (ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)")]
    public async Task A_filter_that_lets_only_cancellation_through_is_still_a_catch_all(string header)
    {
        await Verify.VerifyAnalyzerAsync(Service($$"""
                    try
                    {
                        await WorkAsync(cancellationToken);
                    }
                    [|{{header}}|]
                    {
                        Console.WriteLine("failed");
                    }
            """));
    }

    [Theory]
    [InlineData("catch (Exception ex) when (ex is not ArgumentException)")]
    [InlineData("catch (Exception ex) when (ex is not OperationCanceledException && ex is TimeoutException)")]
    [InlineData("catch (Exception ex) when (ex is not OperationCanceledException || ex is TimeoutException)")]
    [InlineData("catch (Exception ex) when (ex is not (OperationCanceledException or ArgumentException))")]
    [InlineData("catch (Exception ex) when (ex is OperationCanceledException)")]
    public async Task A_filter_that_lets_a_real_failure_through_is_not_a_catch_all(string header)
    {
        await Verify.VerifyAnalyzerAsync(Service($$"""
                    try
                    {
                        await WorkAsync(cancellationToken);
                    }
                    {{header}}
                    {
                        Console.WriteLine("failed");
                    }
            """));
    }

    [Fact]
    public async Task A_catch_all_whose_only_throw_is_in_a_nested_catch_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(Service("""
                    try
                    {
                        await WorkAsync(cancellationToken);
                    }
                    [|catch (Exception ex)|]
                    {
                        try
                        {
                            Console.WriteLine(ex);
                        }
                        catch (Exception)
                        {
                            throw;
                        }
                    }
            """));
    }

    [Fact]
    public async Task A_catch_all_that_throws_after_a_nested_try_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(Service("""
                    try
                    {
                        await WorkAsync(cancellationToken);
                    }
                    catch (Exception ex)
                    {
                        try
                        {
                            Console.WriteLine(ex);
                        }
                        catch (InvalidOperationException)
                        {
                        }

                        throw;
                    }
            """));
    }

    [Theory]
    [InlineData("public Task RunAsync(PingPayload payload, CancellationToken cancellationToken)", "return Task.FromException(ex);", "return Task.CompletedTask;")]
    [InlineData("public Task RunAsync(PingPayload payload, CancellationToken cancellationToken)", "return Task.FromException<int>(ex);", "return Task.CompletedTask;")]
    [InlineData("public ValueTask RunAsync(PingPayload payload, CancellationToken cancellationToken)", "return ValueTask.FromException(ex);", "return ValueTask.CompletedTask;")]
    public async Task Returning_a_faulted_task_from_a_non_async_method_is_not_reported(string signature, string inCatch, string atEnd)
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig($$"""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                {{signature}}
                {
                    try
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex);
                        {{inCatch}}
                    }

                    {{atEnd}}
                }
            }
            """));
    }

    [Fact]
    public async Task Returning_a_completed_task_from_a_non_async_catch_all_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken)
                {
                    try
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    [|catch (Exception ex)|]
                    {
                        Console.WriteLine(ex);
                        return Task.FromResult(ex);
                    }

                    return Task.CompletedTask;
                }
            }
            """));
    }

    [Theory]
    [InlineData("Fail.Now(ex);", false)]
    [InlineData("Fail.Later(ex);", true)]
    public async Task A_call_to_a_DoesNotReturn_helper_counts_as_a_throw(string call, bool reported)
    {
        var header = reported ? "[|catch (Exception ex)|]" : "catch (Exception ex)";
        await Verify.VerifyAnalyzerAsync(Service($$"""
                    try
                    {
                        await WorkAsync(cancellationToken);
                    }
                    {{header}}
                    {
                        {{call}}
                    }
            """) + """

            public static class Fail
            {
                [System.Diagnostics.CodeAnalysis.DoesNotReturn]
                public static void Now(Exception ex) => throw new InvalidOperationException("failed", ex);

                public static void Later(Exception ex) => Console.WriteLine(ex);
            }
            """);
    }

    [Fact]
    public async Task A_catch_all_inside_a_lambda_or_a_local_function_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(Service("""
                    Func<Task> attempt = async () =>
                    {
                        try { await WorkAsync(cancellationToken); } catch (Exception) { }
                    };
                    await attempt();
                    await Local();

                    async Task Local()
                    {
                        try { await WorkAsync(cancellationToken); } catch { }
                    }
            """));
    }

    [Fact]
    public async Task A_catch_all_outside_a_task_method_is_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class Helper
            {
                public void Run()
                {
                    try { Console.WriteLine(); } catch (Exception) { }
                }
            }
            """));
    }

    [Fact]
    public async Task Each_swallowing_catch_of_a_scheduled_task_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [ScheduledTask("ping.schedule", Cron = "0 * * * *", Config = typeof(PingTaskConfig))]
                public Task ScheduleAsync(ScheduledRun run, CancellationToken cancellationToken)
                {
                    try { cancellationToken.ThrowIfCancellationRequested(); } [|catch (Exception)|] { }
                    try { cancellationToken.ThrowIfCancellationRequested(); } [|catch|] { return Task.CompletedTask; }
                    return Task.CompletedTask;
                }
            }
            """));
    }

    [Fact]
    public void The_rule_skips_lambdas_and_local_functions_only()
    {
        var lambda = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseExpression("() => 1");
        Assert.False(ExceptionSwallowedAnalyzer.DescendIntoRunMethodCode(lambda));
        Assert.True(ExceptionSwallowedAnalyzer.DescendIntoRunMethodCode(Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseStatement("{ }")));
    }

    [Fact]
    public async Task A_partial_task_whose_implementation_carries_the_attribute_is_read_in_the_implementation_body()
    {
        await Verify.VerifyAnalyzerAsync(TaskSource.WithConfig("""

            public sealed partial class PingTaskService
            {
                public partial Task RunAsync(PingPayload payload, CancellationToken cancellationToken);

                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public partial async Task RunAsync(PingPayload payload, CancellationToken cancellationToken)
                {
                    try
                    {
                        await Task.Delay(1, cancellationToken);
                    }
                    [|catch (Exception)|]
                    {
                        Console.WriteLine("failed");
                    }
                }
            }
            """));
    }
}
