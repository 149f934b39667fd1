using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;

namespace SchemaTasks;

/// <summary>
/// How generated invokers resolve a run method's service parameters: like <c>GetRequiredService</c>, but a service
/// the container cannot resolve fails with a <see cref="TaskServiceResolutionException"/> that names the task, the
/// parameter and the type, and that the executor does not retry.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TaskServices
{
    // The container's own "cannot resolve" errors come from its assemblies; an exception thrown by a user's factory
    // (a database down) comes from the user's code and stays an ordinary, retried failure.
    private const string ContainerAssemblyPrefix = "Microsoft.Extensions.DependencyInjection";

    /// <summary>Resolves the service parameter <paramref name="parameterName"/> of task <paramref name="taskId"/>.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="services">The attempt's scoped provider.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="parameterName">The run method's parameter.</param>
    public static T GetRequired<T>(IServiceProvider services, string taskId, string parameterName)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(services);
        object? service;
        try
        {
            service = services.GetService(typeof(T));
        }
        catch (InvalidOperationException ex) when (ex.Source?.StartsWith(ContainerAssemblyPrefix, StringComparison.Ordinal) == true)
        {
            throw new TaskServiceResolutionException([new UnresolvedTaskService(taskId, parameterName, typeof(T))], ex);
        }

        return service is T typed
            ? typed
            : throw new TaskServiceResolutionException([new UnresolvedTaskService(taskId, parameterName, typeof(T))]);
    }

    /// <summary>
    /// Every required service parameter of <paramref name="tasks"/> whose type <paramref name="isService"/> does not
    /// know, in task then parameter order.
    /// </summary>
    internal static IReadOnlyList<UnresolvedTaskService> FindUnregistered(IEnumerable<TaskDefinition> tasks, IServiceProviderIsService isService) =>
        [
            .. from task in tasks.OrderBy(task => task.Id, StringComparer.Ordinal)
               from parameter in task.ServiceParameters
               where !isService.IsService(parameter.ServiceType)
               select new UnresolvedTaskService(task.Id, parameter.Name, parameter.ServiceType),
        ];
}
