using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>
/// The host of the SchemaTasks rows: the runtime and the generated ping tasker, as an application registers them, with
/// the logging providers cleared so that no console write is measured.
/// </summary>
internal static class PingHost
{
    /// <summary>Builds and starts the host.</summary>
    /// <param name="configure">The runtime's options (mode, history).</param>
    public static async Task<IHost> StartAsync(Action<SchemaTasksOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSchemaTasks(configure);
        builder.Services.AddPingTasker();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
