using Npgsql;
using Quartz;
using SchemaTasks.Quartz.Jobs;

namespace SchemaTasks.Quartz;

/// <summary>
/// Builds this host's Quartz scheduler, standalone (its own container, not the application's): the RAM store, or the
/// ADO store on PostgreSQL, clustered, with Quartz's tables in the configured schema (created by Quartz when missing).
/// The scheduler runs only the backend's two jobs, through <see cref="SchemaTasksJobFactory"/>.
/// </summary>
internal sealed class QuartzSchedulerFactory(SchemaTasksQuartzOptions options, TimeProvider time)
{
    private static int s_ramInstances;

    public async Task<IScheduler> CreateAsync(QuartzBackend backend, CancellationToken cancellationToken)
    {
        // Quartz names schedulers per process: a cluster shares one name (its schema), RAM schedulers each get their own.
        var instanceName = options.IsDurable
            ? "SchemaTasks." + options.Schema
            : $"SchemaTasks.ram.{Environment.ProcessId}.{Interlocked.Increment(ref s_ramInstances)}";
        var builder = QuartzSchedulerBuilder.Create(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = instanceName;
                scheduler.InstanceId = options.NodeId;
            });
            quartz.UseDefaultThreadPool(4);
            // Quartz keeps the host's time, as every other part of the runtime does.
            quartz.UseTimeProvider(time);
            quartz.UseJobFactory(new SchemaTasksJobFactory(backend));
            if (options.IsDurable)
            {
                var connectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString) { SearchPath = options.Schema }.ConnectionString;
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(5);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(10);
                    });
                    if (options.CreateSchema)
                    {
                        store.ProvisionSchema();
                    }

                    store.ConfigureStore(ado => ado.MisfireThreshold = TimeSpan.FromSeconds(30));
                });
            }
            else
            {
                quartz.UseInMemoryStore(ram => ram.MisfireThreshold = TimeSpan.FromSeconds(30));
            }
        });
        var scheduler = await builder.BuildScheduler(cancellationToken).ConfigureAwait(false);
        await scheduler.AddJob(TimerJob.Detail(), AddJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        await scheduler.AddJob(CronJob.Detail(), AddJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        return scheduler;
    }
}
