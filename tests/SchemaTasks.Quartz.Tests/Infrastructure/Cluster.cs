using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SchemaTasks.Quartz.TestNode;

namespace SchemaTasks.Quartz.Tests.Infrastructure;

/// <summary>
/// A real cluster in a schema of its own: node processes (<see cref="ClusterNode"/>) and, in the test process, a
/// trigger-only client host (it serves only the micro preset, which no cluster task uses, so it never runs them)
/// through which the test triggers runs and reads them back with <see cref="ITaskRuns"/>.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly PostgresServer _server;
    private IHost? _client;

    private Cluster(PostgresServer server, string schema, TimeSpan? clockOffset)
    {
        _server = server;
        Schema = schema;
        ClockOffset = clockOffset;
        Database = NpgsqlDataSource.Create(server.ConnectionString);
    }

    public string Schema { get; }

    /// <summary>
    /// How far ahead of the machine every clock of the cluster runs (client, nodes, Quartz); read when a node or the
    /// client starts, so a change moves the clock of what starts next (a cluster that comes back later than it left).
    /// </summary>
    public TimeSpan? ClockOffset { get; set; }

    /// <summary>The cluster's time now: the machine's, moved by <see cref="ClockOffset"/>.</summary>
    public DateTimeOffset Now => DateTimeOffset.UtcNow + (ClockOffset ?? TimeSpan.Zero);

    public NpgsqlDataSource Database { get; }

    public List<ClusterNode> Nodes { get; } = [];

    public ITaskTrigger Trigger => _client!.Services.GetRequiredService<ITaskTrigger>();

    public ITaskRuns Runs => _client!.Services.GetRequiredService<ITaskRuns>();

    public static async Task<Cluster> StartAsync(PostgresServer server, TimeSpan? clockOffset = null)
    {
        var cluster = new Cluster(server, PostgresServer.NewSchema("cluster"), clockOffset);
        await using (var create = cluster.Database.CreateCommand($"CREATE SCHEMA IF NOT EXISTS {cluster.Schema}; {ClusterTasks.CreateProbeTableSql(cluster.Schema)}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        // The client first: it creates the tables (ours and Quartz's) before the nodes race for them.
        await cluster.StartClientAsync();
        return cluster;
    }

    /// <summary>Starts nodes in parallel: (node id, served machines; empty = all).</summary>
    public async Task StartNodesAsync(params (string Id, string Machines)[] nodes)
    {
        var started = await Task.WhenAll(nodes.Select(node => ClusterNode.StartAsync(
            _server.ConnectionString, Schema, node.Id, node.Machines, ClockOffset, shutdownSeconds: 1)));
        Nodes.AddRange(started);
    }

    public ClusterNode Node(string id) => Nodes.Single(node => node.NodeId == id);

    /// <summary>Stops every node gracefully (SIGTERM) and the client: nothing of the cluster runs any more.</summary>
    public async Task StopEverythingAsync()
    {
        await Task.WhenAll(Nodes.Select(node => node.StopAsync()));
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        Nodes.Clear();
        await StopClientAsync();
    }

    public async Task StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (ClockOffset is { } offset)
        {
            builder.Services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(offset));
        }

        var schemaTasks = builder.Services.AddSchemaTasks(options => options.Mode = TaskRunMode.Async);
        foreach (var task in ClusterTasks.All)
        {
            schemaTasks.AddTask(task);
        }

        schemaTasks.UseQuartz(options =>
        {
            options.ConnectionString = _server.ConnectionString;
            options.Schema = Schema;
            options.NodeId = "test-client";
            options.Machines.Add(Machine.Micro);
            options.LeaseTimeout = TimeSpan.FromSeconds(3);
        });
        _client = builder.Build();
        await _client.StartAsync();
    }

    public async Task<TaskRunHandle[]> TriggerManyAsync(TaskDefinition<ProbePayload> task, int count, ProbePayload payload, TriggerOptions? options = null)
    {
        var handles = new TaskRunHandle[count];
        for (var i = 0; i < count; i++)
        {
            handles[i] = await Trigger.TriggerAsync(task, payload, options, default);
        }

        return handles;
    }

    public async Task<TaskRunInfo[]> WaitAllAsync(IEnumerable<TaskRunHandle> handles, TimeSpan timeout) =>
        await Task.WhenAll(handles.Select(handle => Runs.WaitForCompletionAsync(handle.RunId, timeout)));

    /// <summary>
    /// The most probe executions of a task that overlapped at any instant (database clock): every run of the task, since
    /// they all share its queue's limit.
    /// </summary>
    public async Task<long> MaxOverlapAsync(string taskId)
    {
        await using var command = Database.CreateCommand($"""
            SELECT COALESCE(max(overlap), 0) FROM (
                SELECT (SELECT count(*) FROM {ClusterTasks.ProbeTable(Schema)} other
                        WHERE other.task_id = @task AND other.started_at <= e.started_at
                          AND (other.ended_at IS NULL OR other.ended_at > e.started_at)) AS overlap
                FROM {ClusterTasks.ProbeTable(Schema)} e WHERE e.task_id = @task) counts
            """);
        command.Parameters.AddWithValue("task", taskId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Executions per node of these runs (not of their whole task: other tests of a shared cluster run the same tasks).
    /// </summary>
    public async Task<Dictionary<string, long>> ExecutionsPerNodeAsync(IEnumerable<TaskRunHandle> runs)
    {
        await using var command = Database.CreateCommand(
            $"SELECT node_id, count(*) FROM {ClusterTasks.ProbeTable(Schema)} WHERE run_id = ANY(@runs) GROUP BY node_id");
        command.Parameters.AddWithValue("runs", runs.Select(run => run.RunId).ToArray());
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Database.CreateCommand(sql.Replace("{probe}", ClusterTasks.ProbeTable(Schema), StringComparison.Ordinal).Replace("{schema}", Schema, StringComparison.Ordinal));
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Polls the database until <paramref name="sql"/> returns true. Cross-process observation: the nodes are other
    /// processes, so the test reads their effect in the database, every 50 ms, bounded by <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitUntilAsync(string sql, TimeSpan timeout, params (string Name, object Value)[] parameters)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await ScalarAsync<bool>(sql, parameters))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {timeout}: {sql}\n{string.Join("\n", Nodes.Select(node => node.NodeId + ": " + node.Output))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await StopClientAsync();
        await Database.DisposeAsync();
    }

    private async Task StopClientAsync()
    {
        if (_client is { } client)
        {
            await client.StopAsync();
            client.Dispose();
            _client = null;
        }
    }

    private sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
