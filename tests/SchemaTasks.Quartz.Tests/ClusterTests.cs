using System.Diagnostics;
using SchemaTasks.Quartz.Tests.Infrastructure;
using SchemaTasks.Quartz.TestNode;

namespace SchemaTasks.Quartz.Tests;

/// <summary>
/// A real cluster: separate node processes (the TestNode program) on one PostgreSQL, each test in a schema of its
/// own. Nodes are started and waited for by their READY line; what they do is read back from the database (probe
/// rows stamped on the database clock) and through <see cref="ITaskRuns"/> of a trigger-only client.
/// </summary>
public sealed class ClusterTests(PostgresServer server)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    [Fact]
    public async Task Sixty_runs_on_a_queue_of_limit_3_never_run_more_than_3_at_once_and_spread_over_the_nodes()
    {
        await using var cluster = await Cluster.StartAsync(server);
        await cluster.StartNodesAsync(("a", ""), ("b", ""), ("c", ""));

        var handles = await cluster.TriggerManyAsync(ClusterTasks.Limited, 60, new ProbePayload(100));
        var runs = await cluster.WaitAllAsync(handles, Wait);

        Assert.All(runs, run => Assert.Equal(TaskRunStatus.Completed, run.Status));
        var overlap = await cluster.MaxOverlapAsync(ClusterTasks.Limited.Id);
        var perNode = await cluster.ExecutionsPerNodeAsync(ClusterTasks.Limited.Id);
        Report($"max concurrency {overlap} (limit 3); executions per node: {string.Join(", ", perNode.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}");
        // Exactly the limit: a limit one higher would show 4 here, and a limit that is never reached proves nothing.
        Assert.Equal(3, overlap);
        Assert.Equal(60, perNode.Values.Sum());
        Assert.Equal(["a", "b", "c"], perNode.Keys.Order());
    }

    [Fact]
    public async Task A_preset_that_one_node_serves_runs_only_there_and_a_preset_no_node_serves_stays_queued()
    {
        await using var cluster = await Cluster.StartAsync(server);
        await cluster.StartNodesAsync(("large", "Small1x,Large1x"), ("small-1", "Small1x"), ("small-2", "Small1x"));

        var orphan = await cluster.Trigger.TriggerAsync(ClusterTasks.Large, new ProbePayload(10), new TriggerOptions { Machine = Machine.Medium2x }, default);
        var handles = await cluster.TriggerManyAsync(ClusterTasks.Large, 12, new ProbePayload(50));
        var runs = await cluster.WaitAllAsync(handles, Wait);

        Assert.All(runs, run => Assert.Equal(TaskRunStatus.Completed, run.Status));
        Assert.Equal(new Dictionary<string, long> { ["large"] = 12 }, await cluster.ExecutionsPerNodeAsync(ClusterTasks.Large.Id));
        // Triggered first, on a preset nobody serves: the twelve behind it ran, and it is still visibly Queued.
        Assert.Equal(TaskRunStatus.Queued, (await cluster.Runs.GetAsync(orphan.RunId))!.Status);
    }

    [Fact]
    public async Task A_node_killed_mid_run_loses_nothing_its_runs_end_on_other_nodes()
    {
        await using var cluster = await Cluster.StartAsync(server);
        await cluster.StartNodesAsync(("a", ""), ("b", ""), ("c", ""));
        var handles = await cluster.TriggerManyAsync(ClusterTasks.Limited, 24, new ProbePayload(600));

        await cluster.WaitUntilAsync("SELECT count(*) > 0 FROM {probe} WHERE node_id = 'b' AND ended_at IS NULL", Wait);
        cluster.Node("b").Kill();
        var killedAt = await cluster.ScalarAsync<DateTime>("SELECT clock_timestamp()");
        var runs = await cluster.WaitAllAsync(handles, Wait);

        Assert.All(runs, run => Assert.Equal(TaskRunStatus.Completed, run.Status));
        var interrupted = await cluster.ScalarAsync<long>("SELECT count(*) FROM {probe} WHERE node_id = 'b' AND ended_at IS NULL");
        var twice = await cluster.ScalarAsync<long>("SELECT count(*) FROM (SELECT run_id FROM {probe} GROUP BY run_id HAVING count(*) > 1) t");
        var recovery = await cluster.ScalarAsync<double>($"""
            SELECT COALESCE(EXTRACT(EPOCH FROM max(again.started_at) - @killed), -1)::float8
            FROM {"{probe}"} cut JOIN {"{probe}"} again ON again.run_id = cut.run_id AND again.id > cut.id
            WHERE cut.node_id = 'b' AND cut.ended_at IS NULL
            """, ("killed", killedAt));
        Report($"killed node b with {interrupted} attempt(s) in flight; runs executed twice: {twice}; recovery after the kill: {recovery:F1} s (lease 3 s)");
        Assert.InRange(interrupted, 1, 3);
        // Exactly the interrupted attempts ran twice (at least once: they are recovered; never more: nothing else repeats).
        Assert.Equal(interrupted, twice);
        Assert.InRange(recovery, 0, 20);
    }

    [Fact]
    public async Task A_cron_task_fires_once_per_occurrence_across_the_nodes()
    {
        // The cluster's clocks (client and nodes, Quartz included) run ahead so that a minute boundary is 10 s away.
        var now = DateTimeOffset.UtcNow;
        var boundary = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(5);
        var offset = boundary - TimeSpan.FromSeconds(10) - now;
        await using var cluster = await Cluster.StartAsync(server, offset);
        await cluster.StartNodesAsync(("a", ""), ("b", ""), ("c", ""));

        await cluster.WaitUntilAsync("SELECT count(*) > 0 FROM {schema}.runs WHERE task_id = @task AND status = 'Completed'", Wait, ("task", ClusterTasks.Cron.Id));

        var runs = await cluster.Runs.ListAsync(new TaskRunQuery { TaskId = ClusterTasks.Cron.Id });
        var run = Assert.Single(runs);
        Assert.Equal($"{ClusterTasks.Cron.Id}:{boundary.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", run.IdempotencyKey);
        Assert.Equal(1, await cluster.ScalarAsync<long>("SELECT count(*) FROM {probe} WHERE task_id = @task", ("task", ClusterTasks.Cron.Id)));
    }

    [Fact]
    public async Task A_restart_of_every_node_loses_no_queued_or_delayed_run()
    {
        await using var cluster = await Cluster.StartAsync(server);
        await cluster.StartNodesAsync(("a", ""), ("b", ""));
        var queued = await cluster.TriggerManyAsync(ClusterTasks.Limited, 6, new ProbePayload(3000));
        var delayed = await cluster.TriggerManyAsync(ClusterTasks.Limited, 4, new ProbePayload(10), new TriggerOptions { Delay = TimeSpan.FromSeconds(3) });
        await cluster.WaitUntilAsync("SELECT count(*) = 3 FROM {probe}", Wait);

        // Everything stops (nodes by SIGTERM, with a 1 s shutdown timeout that interrupts the running attempts), then comes back.
        await cluster.StopEverythingAsync();
        var stoppedStatuses = await cluster.ScalarAsync<object>(
            "SELECT array_agg(DISTINCT status) FROM {schema}.runs WHERE status NOT IN ('Queued', 'Delayed')");
        await cluster.StartClientAsync();
        await cluster.StartNodesAsync(("a2", ""), ("b2", ""));
        var runs = await cluster.WaitAllAsync([.. queued, .. delayed], Wait);

        Assert.IsType<DBNull>(stoppedStatuses);
        Assert.All(runs, run => Assert.Equal(TaskRunStatus.Completed, run.Status));
        Assert.Equal(3, await cluster.ScalarAsync<long>("SELECT count(*) FROM {probe} WHERE ended_at IS NULL"));
    }

    [Fact]
    public async Task No_op_throughput_of_the_cluster_is_measured()
    {
        // SCHEMATASKS_BENCH_RUNS raises the count for a real measurement (docs/backends.md gives the command).
        var count = int.TryParse(Environment.GetEnvironmentVariable("SCHEMATASKS_BENCH_RUNS"), out var n) ? n : 300;
        var nodes = int.TryParse(Environment.GetEnvironmentVariable("SCHEMATASKS_BENCH_NODES"), out var k) ? k : 2;
        await using var cluster = await Cluster.StartAsync(server);
        await cluster.StartNodesAsync([.. Enumerable.Range(1, nodes).Select(i => ($"n{i}", ""))]);

        var clock = Stopwatch.StartNew();
        var handles = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cluster.TriggerManyAsync(ClusterTasks.Noop, count / 8, new ProbePayload(0))));
        var triggered = clock.Elapsed;
        await cluster.WaitUntilAsync("SELECT count(*) = @n FROM {schema}.runs WHERE task_id = @task AND status = 'Completed'", Wait,
            ("n", (long)(count / 8 * 8)), ("task", ClusterTasks.Noop.Id));
        var total = clock.Elapsed;

        Report($"{count / 8 * 8} no-op runs on {nodes} nodes: triggered in {triggered.TotalSeconds:F2} s, all completed after {total.TotalSeconds:F2} s = {count / 8 * 8 / total.TotalSeconds:F0} runs/s end to end");
        Assert.Equal(count / 8 * 8, handles.Sum(batch => batch.Length));
    }
}
