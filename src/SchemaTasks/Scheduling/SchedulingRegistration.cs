using Microsoft.Extensions.DependencyInjection;

namespace SchemaTasks.Scheduling;

/// <summary>Registers the scheduler of <see cref="ScheduledTaskAttribute"/> tasks; called by <c>AddSchemaTasks</c>.</summary>
internal static class SchedulingRegistration
{
    public static void AddScheduling(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
