using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SchemaTasks.Backends;
using SchemaTasks.Execution;
using SchemaTasks.Quartz;
using SchemaTasks.Quartz.Dispatch;
using SchemaTasks.Quartz.Postgres;
using SchemaTasks.Scheduling;

namespace SchemaTasks;

/// <summary>Chooses the Quartz.NET backend: <c>services.AddSchemaTasks().UseQuartz(options =&gt; ...)</c>.</summary>
public static class SchemaTasksQuartzExtensions
{
    /// <summary>
    /// Runs async tasks on Quartz.NET instead of the in-process backend, and schedules
    /// <see cref="ScheduledTaskAttribute"/> tasks as Quartz cron triggers instead of the in-process scheduler (which
    /// is removed, so that no occurrence fires twice). With <see cref="SchemaTasksQuartzOptions.ConnectionString"/>
    /// set, runs and idempotency keys are stored in PostgreSQL (<see cref="ITaskRuns"/> answers on every node),
    /// queue limits hold across the cluster, and a node that dies has its runs taken over by another; without it,
    /// Quartz's RAM store runs everything in this process. Call once.
    /// </summary>
    /// <param name="builder">The builder from <c>AddSchemaTasks</c>.</param>
    /// <param name="configure">Sets <see cref="SchemaTasksQuartzOptions"/>.</param>
    /// <returns>The same builder.</returns>
    public static SchemaTasksBuilder UseQuartz(this SchemaTasksBuilder builder, Action<SchemaTasksQuartzOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SchemaTasksQuartzOptions();
        configure?.Invoke(options);
        options.Validate();
        var services = builder.Services;

        // The in-process cron scheduler would fire every occurrence a second time beside Quartz's cron triggers.
        services.RemoveAll<CronScheduler>();
        foreach (var scheduler in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(CronScheduler)).ToList())
        {
            services.Remove(scheduler);
        }

        services.AddSingleton(options);
        if (options.IsDurable)
        {
            services.AddSingleton(sp => new PostgresResources(options, LoggerOf<QuartzBackend>(sp)));
            services.Replace(ServiceDescriptor.Singleton<ITaskRunStore>(sp => new PostgresTaskRunStore(
                sp.GetRequiredService<PostgresResources>().DataSource,
                options.Schema,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<PostgresResources>().Notifications)));
            services.AddSingleton<IRunQueue>(sp => new PostgresRunQueue(
                sp.GetRequiredService<PostgresResources>().DataSource, options, sp.GetRequiredService<PostgresResources>().Notifications));
        }
        else
        {
            services.AddSingleton<IRunQueue>(_ => new MemoryRunQueue(options));
        }

        services.AddSingleton(sp => new QuartzBackend(
            options,
            sp.GetRequiredService<ITaskRunStore>(),
            sp.GetRequiredService<TaskExecutor>(),
            sp.GetRequiredService<TaskRegistry>(),
            sp.GetRequiredService<IRunQueue>(),
            new QuartzSchedulerFactory(options, sp.GetRequiredService<TimeProvider>()),
            () => new ScheduledRunDispatcher(
                sp.GetRequiredService<TaskerContext>(),
                sp.GetRequiredService<ITaskTrigger>(),
                sp.GetRequiredService<ISyncTaskRunner>(),
                LoggerOf<CronScheduler>(sp)),
            sp.GetRequiredService<TimeProvider>(),
            LoggerOf<QuartzBackend>(sp)));
        services.Replace(ServiceDescriptor.Singleton<ITaskBackend>(sp => sp.GetRequiredService<QuartzBackend>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<QuartzBackend>());
        return builder;
    }

    private static ILogger LoggerOf<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(typeof(T).FullName ?? typeof(T).Name) ?? NullLogger.Instance;
}
