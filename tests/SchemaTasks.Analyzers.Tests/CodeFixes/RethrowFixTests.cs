using Fix = SchemaTasks.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<SchemaTasks.Analyzers.Rules.ExceptionSwallowedAnalyzer, SchemaTasks.CodeFixes.RethrowCodeFixProvider>;

namespace SchemaTasks.Analyzers.Tests.CodeFixes;

/// <summary>The STK0106 fix: rethrow at the end of a swallowing catch-all.</summary>
public sealed class RethrowFixTests
{
    private static string Service(string body) => TaskSource.WithConfig($$"""

        public sealed class PingTaskService
        {
            [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
            public async Task RunAsync(PingPayload payload, CancellationToken cancellationToken)
            {
        {{body}}
            }
        }
        """);

    [Fact]
    public async Task A_rethrow_is_added_after_the_logging()
    {
        await Fix.VerifyCodeFixAsync(
            Service("""
                        try
                        {
                            await Task.Delay(1, cancellationToken);
                        }
                        [|catch (Exception ex)|]
                        {
                            Console.WriteLine(ex);
                        }
                """),
            Service("""
                        try
                        {
                            await Task.Delay(1, cancellationToken);
                        }
                        catch (Exception ex)
                        {
                            Console.WriteLine(ex);
                            throw;
                        }
                """));
    }

    [Fact]
    public async Task A_trailing_return_is_replaced_by_the_rethrow()
    {
        await Fix.VerifyCodeFixAsync(
            Service("""
                        try
                        {
                            await Task.Delay(1, cancellationToken);
                        }
                        [|catch|]
                        {
                            Console.WriteLine("failed");
                            return;
                        }
                """),
            Service("""
                        try
                        {
                            await Task.Delay(1, cancellationToken);
                        }
                        catch
                        {
                            Console.WriteLine("failed");
                            throw;
                        }
                """));
    }

    [Fact]
    public async Task Fix_all_rethrows_in_every_swallowing_catch_including_empty_ones()
    {
        await Fix.VerifyCodeFixAsync(
            Service("""
                        try { await Task.Delay(1, cancellationToken); }
                        [|catch (Exception) when (true)|] { }

                        try
                        {
                            await Task.Delay(1, cancellationToken);
                        }
                        [|catch (Exception)|]
                        {
                        }
                """),
            Service("""
                        try { await Task.Delay(1, cancellationToken); }
                        catch (Exception) when (true)
                        {
                            throw;
                        }

                        try
                        {
                            await Task.Delay(1, cancellationToken);
                        }
                        catch (Exception)
                        {
                            throw;
                        }
                """));
    }

    [Fact]
    public async Task A_catch_all_filtered_only_on_cancellation_gets_the_rethrow()
    {
        await Fix.VerifyCodeFixAsync(
            Service("""
                        try
                        {
                            await Task.Delay(1, cancellationToken);
                        }
                        [|catch (Exception ex) when (ex is not OperationCanceledException)|]
                        {
                            Console.WriteLine(ex);
                        }
                """),
            Service("""
                        try
                        {
                            await Task.Delay(1, cancellationToken);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            Console.WriteLine(ex);
                            throw;
                        }
                """));
    }

    [Fact]
    public async Task The_outer_catch_all_gets_the_rethrow_when_only_a_nested_catch_throws()
    {
        await Fix.VerifyCodeFixAsync(
            Service("""
                        try
                        {
                            await Task.Delay(1, cancellationToken);
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
                """),
            Service("""
                        try
                        {
                            await Task.Delay(1, cancellationToken);
                        }
                        catch (Exception ex)
                        {
                            try
                            {
                                Console.WriteLine(ex);
                            }
                            catch (Exception)
                            {
                                throw;
                            }

                            throw;
                        }
                """));
    }

    [Fact]
    public async Task Returning_a_faulted_task_is_left_as_it_is()
    {
        var source = TaskSource.WithConfig("""

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken)
                {
                    try
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    catch (Exception ex)
                    {
                        return Task.FromException(ex);
                    }

                    return Task.CompletedTask;
                }
            }
            """);
        await Fix.VerifyCodeFixAsync(source, source);
    }
}
