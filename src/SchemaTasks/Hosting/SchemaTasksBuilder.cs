using Microsoft.Extensions.DependencyInjection;

namespace SchemaTasks;

/// <summary>
/// Returned by <c>services.AddSchemaTasks()</c>: adds tasks, and backends extend it (<c>.UseQuartz(...)</c>).
/// </summary>
public sealed class SchemaTasksBuilder
{
    internal SchemaTasksBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection SchemaTasks is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers <paramref name="task"/> as a <see cref="TaskDefinition"/> singleton, once per instance (a second
    /// call with the same instance does nothing). A different definition with the same id fails the host's start.
    /// </summary>
    /// <param name="task">The definition, usually a generated <c>&lt;Domain&gt;Tasks.&lt;Task&gt;</c> property.</param>
    /// <returns>This builder.</returns>
    public SchemaTasksBuilder AddTask(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!Services.Any(descriptor => descriptor.ServiceType == typeof(TaskDefinition) && ReferenceEquals(descriptor.ImplementationInstance, task)))
        {
            Services.AddSingleton(task);
        }

        return this;
    }
}
