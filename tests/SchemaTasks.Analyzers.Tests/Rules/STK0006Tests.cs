using SchemaTasks.Analyzers.Tests.Verifiers;
using Verify = SchemaTasks.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<SchemaTasks.Analyzers.Rules.ConfigValueOutOfRangeAnalyzer>;

namespace SchemaTasks.Analyzers.Tests.Rules;

/// <summary>STK0006: config values in range, reported once on the argument of the attribute that declares them.</summary>
public sealed class STK0006Tests
{
    [Theory]
    [InlineData("", "ConcurrencyLimit", "0", "between 1 and 100000")]
    [InlineData("", "ConcurrencyLimit", "100001", "between 1 and 100000")]
    [InlineData("", "ConcurrencyLimit", "-5", "between 1 and 100000")]
    [InlineData("ConcurrencyLimit = 10, ", "TotalConcurrencyLimit", "5", "0 (no cap) or between ConcurrencyLimit (10) and 100000")]
    [InlineData("ConcurrencyLimit = 10, ", "TotalConcurrencyLimit", "-1", "0 (no cap) or between ConcurrencyLimit (10) and 100000")]
    [InlineData("", "TotalConcurrencyLimit", "100001", "0 (no cap) or between ConcurrencyLimit (100000) and 100000")]
    public async Task A_queue_value_out_of_range_is_reported_on_its_argument(string before, string name, string value, string requirement)
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With($$"""
                [TaskQueue("ping", {{before}}{{name}} = {|#0:{{value}}|})]
                public static class PingTaskConfig;
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(name, value, requirement));
    }

    [Theory]
    [InlineData("MaxAttempts = 0", "MaxAttempts", "0", "between 1 and 250")]
    [InlineData("MaxAttempts = 251", "MaxAttempts", "251", "between 1 and 250")]
    [InlineData("Factor = 0.5", "Factor", "0.5", "a finite number of at least 1")]
    [InlineData("Factor = double.NaN", "Factor", "NaN", "a finite number of at least 1")]
    [InlineData("Factor = double.PositiveInfinity", "Factor", "Infinity", "a finite number of at least 1")]
    [InlineData("MinTimeoutInMs = -1", "MinTimeoutInMs", "-1", "at least 0")]
    [InlineData("MinTimeoutInMs = 120_000", "MinTimeoutInMs", "120000", "at most MaxTimeoutInMs (60000, the default)")]
    public async Task A_retry_value_out_of_range_is_reported_on_its_argument(string argument, string name, string value, string requirement)
    {
        var written = argument[(argument.IndexOf('=', StringComparison.Ordinal) + 2)..];
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With($$"""
                [TaskRetry({{name}} = {|#0:{{written}}|})]
                public static class PingTaskConfig;
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments(name, value, requirement));
    }

    [Fact]
    public async Task A_maximum_below_the_minimum_is_reported_on_the_maximum()
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With("""
                [TaskRetry(MinTimeoutInMs = 5000, MaxTimeoutInMs = {|#0:1000|})]
                public static class PingTaskConfig;
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("MaxTimeoutInMs", "1000", "at least MinTimeoutInMs (5000)"));
    }

    [Fact]
    public async Task A_shared_config_is_reported_once_however_many_tasks_use_it()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            [TaskQueue("ping", ConcurrencyLimit = {|STK0006:0|})]
            [TaskRetry(MaxAttempts = {|STK0006:0|})]
            public static class PingTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask("ping.one", Config = typeof(PingTaskConfig))]
                public Task OneAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                [SchemaTask("ping.two", Config = typeof(PingTaskConfig))]
                public Task TwoAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task Values_on_a_task_method_are_checked_too()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            public sealed class PingTaskService
            {
                [SchemaTask("ping.one")]
                [TaskQueue("ping", ConcurrencyLimit = {|STK0006:100_001|})]
                [TaskRetry(Factor = {|STK0006:0.9|})]
                public Task OneAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }

    [Fact]
    public async Task An_empty_queue_name_is_reported_on_the_name()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            [TaskQueue({|STK0006:""|}, ConcurrencyLimit = 10)]
            public static class PingTaskConfig;
            """));
    }

    [Fact]
    public async Task Values_at_the_edges_of_their_ranges_and_defaults_are_not_reported()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            [TaskQueue("ping", ConcurrencyLimit = 1)]
            [TaskRetry(MaxAttempts = 1, Factor = 1, MinTimeoutInMs = 0, MaxTimeoutInMs = 0)]
            public static class PingTaskConfig;

            [TaskQueue("pong", ConcurrencyLimit = 100_000, TotalConcurrencyLimit = 100_000)]
            [TaskRetry(MaxAttempts = 250, MinTimeoutInMs = 60_000, MaxTimeoutInMs = 60_000)]
            public static class PongTaskConfig;

            [TaskQueue("keyed", ConcurrencyLimit = 10, TotalConcurrencyLimit = 0)]
            [TaskRetry]
            public static class KeyedTaskConfig;

            [TaskQueue("capped", ConcurrencyLimit = 10, TotalConcurrencyLimit = 10)]
            [TaskRetry(MaxTimeoutInMs = 300_000, MinTimeoutInMs = 60_000)]
            public static class CappedTaskConfig;

            [TaskQueue("unbounded")]
            public static class UnboundedTaskConfig;
            """));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-30")]
    public async Task A_max_duration_under_one_second_is_reported_on_its_argument(string seconds)
    {
        await Verify.VerifyAnalyzerAsync(
            SourcePrelude.With($$"""
                [TaskMaxDuration({|#0:{{seconds}}|})]
                public static class PingTaskConfig;
                """),
            Verify.Diagnostic().WithLocation(0).WithArguments("max duration", seconds + " s", "at least 1 second"));
    }

    [Fact]
    public async Task A_max_duration_of_one_second_or_more_is_not_reported_on_a_config_type_or_a_method()
    {
        await Verify.VerifyAnalyzerAsync(SourcePrelude.With("""
            [TaskMaxDuration(1)]
            public static class PingTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask("ping.run", Config = typeof(PingTaskConfig))]
                [TaskMaxDuration(3600)]
                public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """));
    }
}
