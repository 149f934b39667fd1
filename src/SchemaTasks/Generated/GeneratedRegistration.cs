using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SchemaTasks;

/// <summary>
/// What a generated <c>Add&lt;Domain&gt;Tasker</c> calls: one call per domain for its task definitions and one per
/// payload validator, with every type written out, so that the generated registration is short and the user's
/// compiler has little to bind or infer. Infrastructure for generated code.
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
    /// Registers <typeparamref name="TValidator"/> as a scoped <see cref="IValidator{T}"/> of
    /// <typeparamref name="TPayload"/>, unless that implementation is already registered (what
    /// <c>TryAddEnumerable(services, ServiceDescriptor.Scoped&lt;IValidator&lt;TPayload&gt;, TValidator&gt;())</c> does).
    /// </summary>
    /// <typeparam name="TPayload">The payload it validates.</typeparam>
    /// <typeparam name="TValidator">The validator.</typeparam>
    /// <param name="services">The service collection.</param>
    public static void AddValidator<TPayload, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(IServiceCollection services)
        where TValidator : class, IValidator<TPayload>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IValidator<TPayload>, TValidator>());
    }
}
