using Npgsql;

namespace SchemaTasks.Quartz.TestNode;

/// <summary>What a probe run does: sleep this long, recording its execution in the probe table.</summary>
/// <param name="SleepMs">How long the attempt runs.</param>
/// <param name="SleepMs">How long the first execution of the run sleeps.</param>
/// <param name="RerunSleepMs">How long a later execution of the same run sleeps (after a node died under it); null: as long.</param>
public sealed record ProbePayload(int SleepMs, int? RerunSleepMs = null);

/// <summary>
/// The tasks of the cluster tests, shared (as source) by the node processes and the test's trigger-only client.
/// Every execution of a probe task writes a row to <c>probe_executions</c> when it starts and stamps it when it
/// ends, on the database clock, so the test can count executions and overlaps across processes.
/// </summary>
public static class ClusterTasks
{
    /// <summary>The probe table, in the cluster's schema.</summary>
    public static string ProbeTable(string schema) => $"{schema}.probe_executions";

    public static string CreateProbeTableSql(string schema) =>
        $"CREATE TABLE IF NOT EXISTS {ProbeTable(schema)} (id bigserial PRIMARY KEY, run_id text NOT NULL, task_id text NOT NULL, node_id text NOT NULL, attempt int NOT NULL, started_at timestamptz NOT NULL, ended_at timestamptz, interrupted boolean NOT NULL DEFAULT false)";

    private static readonly RetryOptions NoRetry = new() { MaxAttempts = 1, MinTimeoutInMs = 0, MaxTimeoutInMs = 0, Randomize = false };

    /// <summary>A queue of limit 3.</summary>
    public static readonly TaskDefinition<ProbePayload> Limited =
        new("cluster.limited", ProbeAsync, new QueueOptions("cluster-limited", 3), Machine.Small1x, NoRetry);

    /// <summary>A task on a preset (large-1x) that only one node serves in the tests.</summary>
    public static readonly TaskDefinition<ProbePayload> Large =
        new("cluster.large", ProbeAsync, new QueueOptions("cluster-large", 10), Machine.Large1x, NoRetry);

    /// <summary>
    /// A task that runs out of memory on small-1x and retries on large-1x (which only one node serves in the tests): the
    /// out-of-memory retry must move to a node that serves the bigger preset.
    /// </summary>
    public static readonly TaskDefinition<ProbePayload> OutOfMemory =
        new("cluster.out-of-memory", OutOfMemoryOnSmallAsync, new QueueOptions("cluster-oom", 10), Machine.Small1x,
            new RetryOptions { MaxAttempts = 2, MinTimeoutInMs = 0, MaxTimeoutInMs = 0, Randomize = false, OutOfMemoryMachine = Machine.Large1x });

    /// <summary>A task that does nothing: throughput.</summary>
    public static readonly TaskDefinition<ProbePayload> Noop =
        new("cluster.noop", (_, _, _, _) => Task.CompletedTask, null, Machine.Small1x, NoRetry);

    /// <summary>A scheduled task, every minute (the tests move the nodes' clock next to a minute boundary).</summary>
    public static readonly TaskDefinition<ScheduledRun> Cron =
        new("cluster.cron", CronAsync, new QueueOptions("cluster-cron", 10), Machine.Small1x, NoRetry, new ScheduleOptions("* * * * *"));

    public static IEnumerable<TaskDefinition> All => [Limited, Large, OutOfMemory, Noop, Cron];

    /// <summary>Set by the node: where probe rows go, and who this node is.</summary>
    public static NpgsqlDataSource? Probe { get; set; }

    public static string Schema { get; set; } = "";

    public static string NodeId { get; set; } = "";

    private static async Task ProbeAsync(IServiceProvider services, ProbePayload payload, TaskRunContext context, CancellationToken cancellationToken)
    {
        var id = await StartedAsync(context).ConfigureAwait(false);
        var sleep = payload.RerunSleepMs is { } rerun && await ExecutedBeforeAsync(context.RunId, id).ConfigureAwait(false) ? rerun : payload.SleepMs;
        try
        {
            await Task.Delay(sleep, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A canceled, timed-out or shut-down attempt has ended too: an unstamped row would count as running
            // forever in every later overlap measurement of this task. A killed process never gets here.
            await EndedAsync(id, interrupted: true).ConfigureAwait(false);
            throw;
        }

        await EndedAsync(id).ConfigureAwait(false);
    }

    private static async Task OutOfMemoryOnSmallAsync(IServiceProvider services, ProbePayload payload, TaskRunContext context, CancellationToken cancellationToken)
    {
        var id = await StartedAsync(context).ConfigureAwait(false);
        if (context.Machine == Machine.Small1x)
        {
            throw new OutOfMemoryException("the probe needs more memory than small-1x has");
        }

        await EndedAsync(id).ConfigureAwait(false);
    }

    private static async Task CronAsync(IServiceProvider services, ScheduledRun run, TaskRunContext context, CancellationToken cancellationToken)
    {
        var id = await StartedAsync(context).ConfigureAwait(false);
        await EndedAsync(id).ConfigureAwait(false);
    }

    private static async Task<long> StartedAsync(TaskRunContext context)
    {
        if (Probe is null)
        {
            throw new InvalidOperationException("This process only triggers probe runs; it never runs them.");
        }

        await using var command = Probe.CreateCommand(
            $"INSERT INTO {ProbeTable(Schema)} (run_id, task_id, node_id, attempt, started_at) VALUES (@run, @task, @node, @attempt, clock_timestamp()) RETURNING id");
        command.Parameters.AddWithValue("run", context.RunId);
        command.Parameters.AddWithValue("task", context.TaskId);
        command.Parameters.AddWithValue("node", NodeId);
        command.Parameters.AddWithValue("attempt", context.Attempt);
        return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    private static async Task<bool> ExecutedBeforeAsync(string runId, long id)
    {
        await using var command = Probe!.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {ProbeTable(Schema)} WHERE run_id = @run AND id < @id)");
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    private static async Task EndedAsync(long id, bool interrupted = false)
    {
        await using var command = Probe!.CreateCommand($"UPDATE {ProbeTable(Schema)} SET ended_at = clock_timestamp(), interrupted = @interrupted WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("interrupted", interrupted);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
