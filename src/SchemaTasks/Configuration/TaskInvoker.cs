namespace SchemaTasks;

/// <summary>
/// Runs one attempt of a task: resolves the task service and the method's services from
/// <paramref name="services"/> (the attempt's own DI scope) and calls the method. Generated, never reflected.
/// </summary>
/// <typeparam name="TPayload">The payload type.</typeparam>
/// <param name="services">The attempt's scoped service provider.</param>
/// <param name="payload">The validated payload.</param>
/// <param name="context">What the attempt is: run id, attempt number, machine.</param>
/// <param name="cancellationToken">Cancelled when the host stops or the run is cancelled.</param>
public delegate Task TaskInvoker<in TPayload>(
    IServiceProvider services,
    TPayload payload,
    TaskRunContext context,
    CancellationToken cancellationToken);
