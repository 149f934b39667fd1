using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>
/// A config type's config is resolved once per compilation for the tasks that write no config attribute of their
/// own (ConfigTypeConfigs): each config type still gives its own, a task that writes one still merges it over the
/// config type's, and an edit of the config type reaches every task that names it.
/// </summary>
public sealed class ConfigTypeSharingTests
{
    private const string ConfigTypes = """
        namespace Edge;

        public sealed record PingPayload(int Value);

        [TaskQueue("alpha", ConcurrencyLimit = 1)]
        [TaskRetry(MaxAttempts = 2)]
        public static class AlphaTaskConfig;

        [TaskQueue("beta", ConcurrencyLimit = 2)]
        [TaskMachine(Machine.Large1x)]
        public static class BetaTaskConfig;

        """;

    private const string Services = """
        namespace Edge;

        public sealed class PingTaskService
        {
            [SchemaTask("ping.alpha", Config = typeof(AlphaTaskConfig))]
            public Task AlphaAsync(PingPayload payload) => Task.CompletedTask;

            [SchemaTask("ping.beta", Config = typeof(BetaTaskConfig))]
            public Task BetaAsync(PingPayload payload) => Task.CompletedTask;

            [SchemaTask("ping.own", Config = typeof(AlphaTaskConfig))]
            [TaskQueue("own")]
            public Task OwnAsync(PingPayload payload) => Task.CompletedTask;

            [SchemaTask("ping.alpha-again", Config = typeof(AlphaTaskConfig))]
            public Task AlphaAgainAsync(PingPayload payload) => Task.CompletedTask;

            [SchemaTask("ping.none")]
            public Task NoneAsync(PingPayload payload) => Task.CompletedTask;
        }

        public sealed class PongTaskService
        {
            [SchemaTask("pong.beta", Config = typeof(BetaTaskConfig))]
            public Task BetaAsync(PingPayload payload) => Task.CompletedTask;
        }
        """;

    [Fact]
    public void Each_config_type_gives_its_own_config_and_a_task_that_writes_one_merges_it_over_its_config_types()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + ConfigTypes, GeneratorHarness.Usings + Services);

        var ping = run.Source("Edge.PingTasks.g.cs");
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"alpha\", 1, 0)", GeneratedTasksText.ConfigOf(ping, "Alpha", "queue"));
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"beta\", 2, 0)", GeneratedTasksText.ConfigOf(ping, "Beta", "queue"));
        // The method's queue name over Alpha's limit; Alpha's retry, which the method does not write.
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"own\", 1, 0)", GeneratedTasksText.ConfigOf(ping, "Own", "queue"));
        Assert.StartsWith("new global::SchemaTasks.RetryOptions { MaxAttempts = 2,", GeneratedTasksText.ConfigOf(ping, "Own", "retry"), StringComparison.Ordinal);
        // A task after the one that writes its own still gets Alpha's alone.
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"alpha\", 1, 0)", GeneratedTasksText.ConfigOf(ping, "AlphaAgain", "queue"));
        Assert.StartsWith("new global::SchemaTasks.RetryOptions { MaxAttempts = 2,", GeneratedTasksText.ConfigOf(ping, "AlphaAgain", "retry"), StringComparison.Ordinal);
        Assert.Equal("null", GeneratedTasksText.ConfigOf(ping, "Beta", "retry"));
        Assert.Equal("null", GeneratedTasksText.ConfigOf(ping, "None", "queue"));
        Assert.Equal("global::SchemaTasks.Machine.Large1x", GeneratedTasksText.ConfigOf(ping, "Beta", "machine"));
        Assert.Equal("global::SchemaTasks.Machine.Small1x", GeneratedTasksText.ConfigOf(ping, "Alpha", "machine"));

        var pong = run.Source("Edge.PongTasks.g.cs");
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"beta\", 2, 0)", GeneratedTasksText.ConfigOf(pong, "Beta", "queue"));
        Assert.Equal("global::SchemaTasks.Machine.Large1x", GeneratedTasksText.ConfigOf(pong, "Beta", "machine"));
    }

    [Fact]
    public void Editing_a_config_types_attribute_reaches_every_task_that_names_it_in_the_incremental_driver()
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings + ConfigTypes, GeneratorHarness.Usings + Services);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);

        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("class BetaTaskConfig", StringComparison.Ordinal));
        var changed = CSharpSyntaxTree.ParseText(
            tree.GetText(TestContext.Current.CancellationToken).ToString()
                .Replace("\"beta\", ConcurrencyLimit = 2", "\"beta\", ConcurrencyLimit = 7", StringComparison.Ordinal)
                .Replace("\"alpha\", ConcurrencyLimit = 1", "\"alpha\", ConcurrencyLimit = 5", StringComparison.Ordinal),
            GeneratorHarness.ParseOptions,
            tree.FilePath,
            cancellationToken: TestContext.Current.CancellationToken);
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changed), TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var ping = result.GeneratedSources.Single(s => s.HintName == "Edge.PingTasks.g.cs").SourceText.ToString();
        var pong = result.GeneratedSources.Single(s => s.HintName == "Edge.PongTasks.g.cs").SourceText.ToString();
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"beta\", 7, 0)", GeneratedTasksText.ConfigOf(ping, "Beta", "queue"));
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"beta\", 7, 0)", GeneratedTasksText.ConfigOf(pong, "Beta", "queue"));
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"alpha\", 5, 0)", GeneratedTasksText.ConfigOf(ping, "AlphaAgain", "queue"));
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"own\", 5, 0)", GeneratedTasksText.ConfigOf(ping, "Own", "queue"));
        var domainReasons = result.TrackedSteps[TrackingNames.DomainSources].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Equal(2, domainReasons.Count(r => r == IncrementalStepRunReason.Modified));
    }

    [Fact]
    public void A_config_type_whose_attribute_cannot_be_read_keeps_out_only_the_tasks_that_name_it()
    {
        var run = GeneratorHarness.RunOnBrokenSource(GeneratorHarness.Usings + """
            namespace Edge;

            public sealed record PingPayload(int Value);

            [TaskQueue("broken", ConcurrencyLimit = "ten")]
            public static class BrokenTaskConfig;

            [TaskQueue("fine")]
            public static class FineTaskConfig;

            public sealed class PingTaskService
            {
                [SchemaTask("ping.broken", Config = typeof(BrokenTaskConfig))]
                public Task BrokenAsync(PingPayload payload) => Task.CompletedTask;

                [SchemaTask("ping.broken-again", Config = typeof(BrokenTaskConfig))]
                public Task BrokenAgainAsync(PingPayload payload) => Task.CompletedTask;

                [SchemaTask("ping.fine", Config = typeof(FineTaskConfig))]
                public Task FineAsync(PingPayload payload) => Task.CompletedTask;
            }
            """);

        var ping = run.Source("Edge.PingTasks.g.cs");
        Assert.Equal("new global::SchemaTasks.QueueOptions(\"fine\", 100000, 0)", GeneratedTasksText.ConfigOf(ping, "Fine", "queue"));
        Assert.DoesNotContain("ping.broken", ping, StringComparison.Ordinal);
    }
}
