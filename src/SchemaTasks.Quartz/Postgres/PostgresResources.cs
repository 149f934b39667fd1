using Microsoft.Extensions.Logging;
using Npgsql;

namespace SchemaTasks.Quartz.Postgres;

/// <summary>The backend's own data source and notification listener (not the application's, if it has one).</summary>
internal sealed class PostgresResources : IAsyncDisposable
{
    public PostgresResources(SchemaTasksQuartzOptions options, ILogger logger)
    {
        DataSource = new NpgsqlDataSourceBuilder(options.ConnectionString) { Name = "SchemaTasks" }.Build();
        Notifications = new PostgresNotifications(DataSource, options.Schema, logger);
    }

    public NpgsqlDataSource DataSource { get; }

    public PostgresNotifications Notifications { get; }

    public async ValueTask DisposeAsync()
    {
        await Notifications.DisposeAsync().ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
    }
}
