using Microsoft.Extensions.DependencyInjection;

namespace SchemaTasks;

/// <summary>
/// Returned by <c>services.AddSchemaTasks()</c>; backends extend it (<c>.UseQuartz(...)</c>).
/// </summary>
public sealed class SchemaTasksBuilder
{
    internal SchemaTasksBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection SchemaTasks is registered in.</summary>
    public IServiceCollection Services { get; }
}
