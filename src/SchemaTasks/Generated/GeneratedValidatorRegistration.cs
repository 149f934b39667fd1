using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SchemaTasks;

/// <summary>
/// What a generated <c>Add&lt;Domain&gt;Tasker</c> calls to register a payload's validator: one call with both types
/// written out, instead of <c>TryAddEnumerable(services, ServiceDescriptor.Scoped&lt;IValidator&lt;TPayload&gt;,
/// TValidator&gt;())</c> in every generated registration, two generic calls for the user's compiler to bind per
/// validator. Infrastructure for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedValidatorRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TValidator"/> as a scoped <see cref="IValidator{T}"/> of
    /// <typeparamref name="TPayload"/>, unless that implementation is already registered.
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
