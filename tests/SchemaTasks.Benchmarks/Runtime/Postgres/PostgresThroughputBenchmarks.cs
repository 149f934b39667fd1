using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;
using SchemaTasks.Benchmarks.Runtime.Peers;
using SchemaTasks.Quartz.Tests.Infrastructure;

namespace SchemaTasks.Benchmarks.Runtime.Postgres;

/// <summary>
/// The durable no-op workload side by side on one throwaway PostgreSQL 15 (issue 12): one producer triggers
/// <see cref="Runs"/> runs, and the invocation ends when every run's body has run. SchemaTasks goes through the
/// generated <c>IPingTasker</c> on its Quartz backend (<c>UseQuartz</c> with a connection string: clustered, runs and
/// queue slots in its own tables, Quartz's ADO store in the same schema for timers and cron); raw Quartz 4.7.3 gets
/// the clustered ADO store with the same check-in settings in a schema of its own, and one <c>ScheduleJob</c> per run
/// firing now. Both get <see cref="Threads"/> concurrent attempts and the same connection pool size. Times are per run
/// (<c>OperationsPerInvoke</c>); <c>Ratio</c> is SchemaTasks' time per run over raw Quartz's: the cost of SchemaTasks'
/// layer (validation twice, JSON, the run record, strict queue slots) over Quartz doing the same jobs.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RunsPerSecondConfig))]
public class PostgresThroughputBenchmarks
{
    /// <summary>Runs per invocation.</summary>
    public const int Runs = 1_000;

    /// <summary>Attempts at once: SchemaTasks' <c>MaxConcurrentAttempts</c> (the queue allows 100), Quartz's thread pool.</summary>
    public const int Threads = 100;

    /// <summary>The PostgreSQL schema of SchemaTasks' tables (and of the Quartz tables its backend uses).</summary>
    public const string SchemaTasksSchema = "schematasks_bench";

    /// <summary>The PostgreSQL schema of raw Quartz's tables.</summary>
    public const string QuartzSchema = "quartz_bench";

    private PingPayload[] _payloads = null!;
    private PostgresServer? _server;
    private IHost _host = null!;
    private IPingTasker _tasker = null!;
    private IScheduler _quartz = null!;

    /// <summary>Whether the server also loads <c>pg_stat_statements</c> (the statement count, not the timed runs).</summary>
    public bool StatementStatistics { get; init; }

    /// <summary>The server's connection string (default search path).</summary>
    public string ConnectionString => _server?.ConnectionString ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>SchemaTasks on its Quartz backend, durable and clustered on PostgreSQL, through the generated tasker.</summary>
    [GlobalSetup(Target = nameof(SchemaTasksOnQuartzPostgres))]
    public async Task SetupSchemaTasksAsync()
    {
        await StartServerAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSchemaTasks(options => options.Mode = TaskRunMode.Async).UseQuartz(quartz =>
        {
            quartz.ConnectionString = ConnectionString;
            quartz.Schema = SchemaTasksSchema;
            quartz.NodeId = "bench-node";
            quartz.MaxConcurrentAttempts = Threads;
        });
        builder.Services.AddPingTasker();
        _host = builder.Build();
        await _host.StartAsync();
        _tasker = _host.Services.GetRequiredService<IPingTasker>();
    }

    /// <summary>Stops the host, then the server.</summary>
    [GlobalCleanup(Target = nameof(SchemaTasksOnQuartzPostgres))]
    public async Task CleanupSchemaTasksAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await StopServerAsync();
    }

    /// <summary>
    /// Raw Quartz, clustered ADO store on the same kind of server, as SchemaTasks' backend configures its own scheduler
    /// (check-in 5 s, threshold 10 s, misfire threshold 30 s, tables provisioned by Quartz), with <see cref="Threads"/>
    /// threads and batch acquisition of up to as many triggers (as Quartz advises for many short jobs; it favours Quartz).
    /// </summary>
    [GlobalSetup(Target = nameof(QuartzClusteredAdoStore))]
    public async Task SetupQuartzAsync()
    {
        await StartServerAsync();
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {QuartzSchema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = QuartzSchema }.ConnectionString;
        var builder = QuartzSchedulerBuilder.Create(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "benchmarks.quartz";
                scheduler.InstanceId = "bench-node";
                scheduler.MaxBatchSize = Threads;
            });
            quartz.UseDefaultThreadPool(Threads);
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = TimeSpan.FromSeconds(5);
                    cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(10);
                });
                store.ProvisionSchema();
                store.ConfigureStore(ado => ado.MisfireThreshold = TimeSpan.FromSeconds(30));
            });
        });
        _quartz = await builder.BuildScheduler();
        await _quartz.Start();
    }

    /// <summary>Stops Quartz, then the server.</summary>
    [GlobalCleanup(Target = nameof(QuartzClusteredAdoStore))]
    public async Task CleanupQuartzAsync()
    {
        await _quartz.Shutdown(waitForJobsToComplete: true);
        await StopServerAsync();
    }

    /// <summary>SchemaTasks: trigger every run through the generated tasker, then wait for the last body.</summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "SchemaTasks on Quartz + PostgreSQL, 100 attempts")]
    public async Task SchemaTasksOnQuartzPostgres()
    {
        var done = RunCountdown.Start(Runs);
        foreach (var payload in _payloads)
        {
            await _tasker.PingAsync(payload);
        }

        await RunCountdown.WaitAsync(done);
    }

    /// <summary>Raw Quartz: schedule every run to fire now (job data as in the RAM-store peer), then wait for the last body.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Runs, Description = "Quartz 4.7.3 clustered ADO store, 100 threads")]
    public async Task QuartzClusteredAdoStore()
    {
        var done = RunCountdown.Start(Runs);
        foreach (var payload in _payloads)
        {
            var job = JobBuilder.Create<PingQuartzJob>().UsingJobData("sequence", payload.Sequence).UsingJobData("tenant", payload.Tenant).Build();
            await _quartz.ScheduleJob(job, TriggerBuilder.Create().StartNow().Build());
        }

        await RunCountdown.WaitAsync(done);
    }

    private async Task StartServerAsync()
    {
        _payloads = [.. Enumerable.Range(0, Runs).Select(i => new PingPayload(i, "tenant-" + (i % 16)))];
        _server = new PostgresServer();
        await _server.InitializeAsync();
        if (StatementStatistics)
        {
            await ExecuteAsync("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            await _server.RestartAsync();
            // The pooled admin connection died with the restart.
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
    }

    private async Task StopServerAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            NpgsqlConnection.ClearAllPools();
            await server.DisposeAsync();
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
