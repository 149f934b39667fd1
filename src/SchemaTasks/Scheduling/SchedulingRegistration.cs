using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SchemaTasks.Scheduling;

/// <summary>Registers the scheduler of <see cref="ScheduledTaskAttribute"/> tasks; called by <c>AddSchemaTasks</c>.</summary>
internal static class SchedulingRegistration
{
    /// <summary>
    /// Adds the cron scheduler (a hosted service) and the in-memory <see cref="IScheduleStateStore"/>. Idempotent;
    /// a store registered before (or after, replacing it) wins.
    /// </summary>
    /// <param name="services">The service collection.</param>
    public static void AddScheduling(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IScheduleStateStore, InMemoryScheduleStateStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CronScheduler>());
    }
}
