using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SchemaTasks;
using SchemaTasks.Backends;
using SchemaTasks.Backends.InProcess;
using SchemaTasks.Execution;
using SchemaTasks.Scheduling;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SchemaTasks runtime.</summary>
public static class SchemaTasksServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SchemaTasks runtime: the trigger and sync paths, the executor, the run store
    /// (<see cref="ITaskRuns"/>), the in-process backend (replace <see cref="ITaskBackend"/> and
    /// <see cref="ITaskRunStore"/> to use another), the scheduler, and the validation of
    /// <c>ENABLE_ASYNC_TASKER</c> and of the registered tasks at the host's start. Idempotent: every call returns
    /// a builder over the same registration; each <paramref name="configure"/> given is applied, in call order.
    /// Time comes from the <see cref="TimeProvider"/> in the container (<see cref="TimeProvider.System"/> unless
    /// one is registered).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets <see cref="SchemaTasksOptions"/>.</param>
    /// <returns>A builder to add tasks and choose a backend.</returns>
    public static SchemaTasksBuilder AddSchemaTasks(this IServiceCollection services, Action<SchemaTasksOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (!services.Any(descriptor => descriptor.ServiceType == typeof(SchemaTasksMarker)))
        {
            services.AddSingleton<SchemaTasksMarker>();
            AddRuntime(services);
            SchedulingRegistration.AddScheduling(services);
        }

        return new SchemaTasksBuilder(services);
    }

    private static void AddRuntime(IServiceCollection services)
    {
        services.AddOptions<SchemaTasksOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<SchemaTasksOptions>, AsyncTaskerModeSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchemaTasksOptions>, SchemaTasksOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => new TaskRegistry(sp.GetServices<TaskDefinition>()));
        services.TryAddSingleton<ITaskRunStore>(sp => new InMemoryTaskRunStore(sp.GetRequiredService<TimeProvider>(), OptionsOf(sp).RunHistoryLimit));
        services.TryAddSingleton<ITaskRuns>(sp => new TaskRuns(
            sp.GetRequiredService<ITaskRunStore>(),
            sp.GetRequiredService<TaskExecutor>(),
            sp.GetRequiredService<ITaskBackend>(),
            sp.GetRequiredService<TaskRegistry>(),
            sp.GetRequiredService<TaskerContext>(),
            sp.GetRequiredService<ITaskTrigger>(),
            sp.GetRequiredService<ISyncTaskRunner>(),
            OptionsOf(sp),
            sp.GetRequiredService<TimeProvider>(),
            LoggerOf<TaskRuns>(sp)));
        services.TryAddSingleton<ITaskRunReader>(sp => sp.GetRequiredService<ITaskRuns>());
        services.TryAddSingleton(sp => new TaskExecutor(
            sp.GetRequiredService<TaskRegistry>(),
            sp.GetRequiredService<ITaskRunStore>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            OptionsOf(sp),
            sp.GetRequiredService<TimeProvider>(),
            LoggerOf<TaskExecutor>(sp),
            sp.GetRequiredService<PayloadValidation>()));

        services.TryAddSingleton(sp => new InProcessBackend(
            sp.GetRequiredService<ITaskRunStore>(),
            sp.GetRequiredService<TaskExecutor>(),
            sp.GetRequiredService<TimeProvider>(),
            LoggerOf<InProcessBackend>(sp),
            OptionsOf(sp).MaxUnfinishedRuns));
        services.TryAddSingleton<ITaskBackend>(sp => sp.GetRequiredService<InProcessBackend>());

        // The collection itself, read once the container is built: validators are registered after this call.
        var sharedValidators = new SharedValidators(services);
        services.TryAddSingleton(sp => new PayloadValidation(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetService<IServiceProviderIsService>(),
            sharedValidators));
        services.TryAddSingleton<ITaskTrigger>(sp => new TaskTrigger(
            sp.GetRequiredService<ITaskBackend>(),
            sp.GetRequiredService<PayloadValidation>(),
            OptionsOf(sp),
            LoggerOf<TaskTrigger>(sp)));
        services.TryAddSingleton<SyncOptionWarnings>();
        services.TryAddSingleton<ISyncTaskRunner>(sp => new SyncTaskRunner(
            sp.GetRequiredService<TaskExecutor>(),
            sp.GetRequiredService<ITaskRunStore>(),
            sp.GetRequiredService<PayloadValidation>(),
            OptionsOf(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SyncOptionWarnings>(),
            LoggerOf<SyncTaskRunner>(sp)));
        services.TryAddSingleton(sp => new TaskerContext(
            sp.GetRequiredService<IOptions<SchemaTasksOptions>>(),
            sp.GetService<ILogger<Tasker>>()));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchemaTasksHostedService>(sp => new SchemaTasksHostedService(
            sp.GetRequiredService<ITaskBackend>(),
            sp.GetRequiredService<TaskRegistry>(),
            sp.GetService<IServiceProviderIsService>(),
            sp.GetRequiredService<IOptions<SchemaTasksOptions>>(),
            sp.GetService<ILogger<SchemaTasksHostedService>>() ?? NullLogger<SchemaTasksHostedService>.Instance)));
    }

    private static SchemaTasksOptions OptionsOf(IServiceProvider services) =>
        services.GetRequiredService<IOptions<SchemaTasksOptions>>().Value;

    // The runtime works without AddLogging (a bare ServiceCollection in a test or tool): it then logs nowhere.
    private static ILogger LoggerOf<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(typeof(T).FullName ?? typeof(T).Name) ?? NullLogger.Instance;

    /// <summary>Marks a collection where the runtime is already registered.</summary>
    private sealed class SchemaTasksMarker;
}
