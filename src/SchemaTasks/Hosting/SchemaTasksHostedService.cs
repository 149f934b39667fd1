using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SchemaTasks.Backends;
using SchemaTasks.Backends.InProcess;
using SchemaTasks.Diagnostics;
using SchemaTasks.Execution;

namespace SchemaTasks;

/// <summary>
/// Ties the runtime to the host's lifetime: at start checks that every service parameter of every registered task
/// can be resolved (<see cref="IServiceProviderIsService"/>; all missing ones fail the start in one
/// <see cref="TaskServiceResolutionException"/>) and logs the resolved mode, and on stop lets the in-process
/// backend drain within the host's shutdown timeout. When another backend replaces <see cref="ITaskBackend"/>,
/// that backend owns its own lifetime and this service leaves it alone.
/// </summary>
internal sealed class SchemaTasksHostedService(
    ITaskBackend backend,
    TaskRegistry registry,
    IServiceProviderIsService? isService,
    IOptions<SchemaTasksOptions> options,
    ILogger<SchemaTasksHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A custom container without IServiceProviderIsService cannot be asked; attempts still fail without retry.
        if (isService is not null && TaskServices.FindUnregistered(registry.Tasks, isService) is { Count: > 0 } missing)
        {
            throw new TaskServiceResolutionException(missing);
        }

        var value = options.Value;
        SchemaTasksLog.ModeResolved(logger, value.Mode ?? TaskRunMode.Async, value.ModeSource ?? "default");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        backend is InProcessBackend inProcess ? inProcess.StopAsync(cancellationToken) : Task.CompletedTask;
}
