using Microsoft.Extensions.DependencyInjection.Extensions;
using SchemaTasks.Dashboard;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SchemaTasks dashboard's services.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <c>app.MapSchemaTasksDashboard()</c> needs: its options and ASP.NET Core antiforgery (every
    /// state-changing action of the dashboard carries an antiforgery token). The SchemaTasks runtime itself is
    /// registered by <c>services.AddSchemaTasks()</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the dashboard's options.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddSchemaTasksDashboard(this IServiceCollection services, Action<SchemaTasksDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAntiforgery();
        var options = services.AddOptions<SchemaTasksDashboardOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.RefreshIntervalMs >= 250, "SchemaTasksDashboardOptions.RefreshIntervalMs must be at least 250.")
            .Validate(o => o.AdviceHeadroom >= 1, "SchemaTasksDashboardOptions.AdviceHeadroom must be at least 1.")
            .Validate(o => o.AdviceMaxRuns >= 1, "SchemaTasksDashboardOptions.AdviceMaxRuns must be at least 1.")
            .Validate(o => o.AdviceOutOfMemoryShare is >= 0 and <= 1, "SchemaTasksDashboardOptions.AdviceOutOfMemoryShare must be between 0 and 1.");
        services.TryAddSingleton<DashboardMarker>();
        return services;
    }
}
