using SchemaTasks.Backends;
using SchemaTasks.Quartz.Postgres;
using SchemaTasks.Quartz.Tests.Infrastructure;
using SchemaTasks.Tests.Backends;
using SchemaTasks.Tests.Conformance;
using Microsoft.Extensions.Logging.Abstractions;

namespace SchemaTasks.Quartz.Tests;

/// <summary>The backend conformance suite on Quartz's RAM store.</summary>
public sealed class QuartzRamConformanceTests : BackendConformanceTests
{
    protected override void UseBackend(SchemaTasksBuilder builder) => builder.UseQuartz();
}

/// <summary>The backend conformance suite on Quartz + PostgreSQL (each host in a schema of its own).</summary>
public sealed class QuartzPostgresConformanceTests(PostgresServer server) : BackendConformanceTests
{
    protected override void UseBackend(SchemaTasksBuilder builder) => builder.UseQuartz(options =>
    {
        options.ConnectionString = server.ConnectionString;
        options.Schema = PostgresServer.NewSchema("conf");
    });
}

/// <summary>The run store contract on PostgreSQL (each store in a schema of its own).</summary>
public sealed class PostgresTaskRunStoreTests(PostgresServer server) : TaskRunStoreConformanceTests, IAsyncDisposable
{
    private readonly List<PostgresResources> _resources = [];

    protected override ITaskRunStore CreateStore(TimeProvider timeProvider)
    {
        var options = new SchemaTasksQuartzOptions { ConnectionString = server.ConnectionString, Schema = PostgresServer.NewSchema("store") };
        var resources = new PostgresResources(options, NullLogger.Instance);
        _resources.Add(resources);
        PostgresSchema.EnsureAsync(resources.DataSource, options.Schema, CancellationToken.None).GetAwaiter().GetResult();
        return new PostgresTaskRunStore(resources.DataSource, options.Schema, timeProvider, resources.Notifications);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var resources in _resources)
        {
            await resources.DisposeAsync();
        }
    }
}
