using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SchemaTasks;

/// <summary>
/// What a generated <c>Add&lt;Domain&gt;Tasker</c> calls: one call per domain for its task definitions, one for its
/// taskers and one per payload validator, with every type written out, so that the generated registration is short
/// and the user's compiler has little to bind or infer. Infrastructure for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedRegistration
{
    /// <summary>Calls <see cref="SchemaTasksBuilder.AddTask"/> for each of <paramref name="tasks"/>, in order.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="tasks">The definitions, usually a generated <c>&lt;Domain&gt;Tasks.All</c>.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static SchemaTasksBuilder AddTasks(this SchemaTasksBuilder builder, IReadOnlyList<TaskDefinition> tasks)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var task in tasks)
        {
            builder.AddTask(task);
        }

        return builder;
    }

    /// <summary>
    /// Registers a domain's taskers as singletons, unless already registered: <typeparamref name="TTrigger"/>,
    /// <typeparamref name="TSync"/>, <typeparamref name="TTasker"/>, and <typeparamref name="TTaskerInterface"/>
    /// resolved as that same <typeparamref name="TTasker"/> (what four <c>TryAddSingleton</c> calls did).
    /// </summary>
    /// <typeparam name="TTrigger">The domain's trigger tasker.</typeparam>
    /// <typeparam name="TSync">The domain's sync tasker.</typeparam>
    /// <typeparam name="TTasker">The domain's tasker.</typeparam>
    /// <typeparam name="TTaskerInterface">The interface applications inject.</typeparam>
    /// <param name="services">The service collection.</param>
    public static void AddTaskers<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TTrigger,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSync,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TTasker,
        TTaskerInterface>(IServiceCollection services)
        where TTrigger : class
        where TSync : class
        where TTasker : class, TTaskerInterface
        where TTaskerInterface : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TTrigger>();
        services.TryAddSingleton<TSync>();
        services.TryAddSingleton<TTasker>();
        services.TryAddSingleton<TTaskerInterface>(static serviceProvider => serviceProvider.GetRequiredService<TTasker>());
    }

    /// <summary>
    /// Registers <paramref name="validatorType"/> as a scoped <see cref="IValidator{T}"/> of
    /// <paramref name="task"/>'s payload type, unless that implementation is already registered (what
    /// <c>TryAddEnumerable(services, ServiceDescriptor.Scoped&lt;IValidator&lt;TPayload&gt;, TValidator&gt;())</c> does).
    /// Not generic: the task supplies the payload type, so the user's compiler binds one shared method per call.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="task">A task whose payload the validator validates.</param>
    /// <param name="validatorType">The validator, an <see cref="IValidator{T}"/> of the task's payload type.</param>
    public static void AddValidator(
        IServiceCollection services,
        TaskDefinition task,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type validatorType)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(validatorType);
        var serviceType = task.ValidatorType;
        if (!serviceType.IsAssignableFrom(validatorType))
        {
            throw new ArgumentException($"{validatorType.FullName} is not an {serviceType.FullName}.", nameof(validatorType));
        }

        services.TryAddEnumerable(ServiceDescriptor.Scoped(serviceType, validatorType));
    }
}
