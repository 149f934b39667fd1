namespace SchemaTasks;

/// <summary>
/// Service parameters of task run methods that the DI container cannot resolve: a setup error, not a passing
/// failure. Thrown at the host's start for every parameter whose type is not registered (all of them in one
/// message), and by an attempt whose parameter cannot be resolved after all; such an attempt fails its run without
/// a retry.
/// </summary>
public sealed class TaskServiceResolutionException : InvalidOperationException
{
    /// <summary>Creates the exception for the parameters that cannot be resolved.</summary>
    /// <param name="services">Each unresolvable parameter with its task and type (at least one).</param>
    /// <param name="innerException">The container's own error, when an attempt met it.</param>
    public TaskServiceResolutionException(IReadOnlyList<UnresolvedTaskService> services, Exception? innerException = null)
        : base(Describe(services, innerException), innerException)
    {
        Services = services;
    }

    /// <summary>The unresolvable parameters: task id, parameter name and type of each.</summary>
    public IReadOnlyList<UnresolvedTaskService> Services { get; }

    private static string Describe(IReadOnlyList<UnresolvedTaskService> services, Exception? innerException)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfZero(services.Count);
        const string Fix = "Register each type in the service collection (for example services.AddScoped<T>()); " +
                           "if it is data rather than a service, move it into the task's payload (a run method takes one payload, its first parameter).";
        if (services.Count == 1)
        {
            var why = innerException is null ? "no service of that type is registered" : innerException.Message;
            return $"SchemaTasks: {services[0]} cannot be resolved from DI: {why}. {Fix}";
        }

        return $"SchemaTasks: {services.Count} task service parameters cannot be resolved from DI, because no service of their type is registered:"
            + string.Concat(services.Select(service => Environment.NewLine + "  - " + service))
            + Environment.NewLine + Fix;
    }
}
