using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SchemaTasks.Backends;
using SchemaTasks.Backends.InProcess;
using SchemaTasks.Diagnostics;

namespace SchemaTasks;

/// <summary>
/// Ties the runtime to the host's lifetime: logs the resolved mode at start, and on stop lets the in-process
/// backend drain within the host's shutdown timeout. When another backend replaces <see cref="ITaskBackend"/>,
/// that backend owns its own lifetime and this service leaves it alone.
/// </summary>
internal sealed class SchemaTasksHostedService(
    ITaskBackend backend,
    IOptions<SchemaTasksOptions> options,
    ILogger<SchemaTasksHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        SchemaTasksLog.ModeResolved(logger, value.Mode ?? TaskRunMode.Async, value.ModeSource ?? "default");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        backend is InProcessBackend inProcess ? inProcess.StopAsync(cancellationToken) : Task.CompletedTask;
}
