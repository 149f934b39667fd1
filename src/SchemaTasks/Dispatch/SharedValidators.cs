using System.Collections.Concurrent;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace SchemaTasks;

/// <summary>
/// The validators of a payload type that can be built once and reused by every trigger and attempt, instead of being
/// resolved (and constructed, with all their rules) in a DI scope each time. A registration qualifies when a scope
/// could not make a difference to it: a registered instance, or a type whose only public constructor takes nothing
/// and which is not disposable (FluentValidation validators are immutable and thread-safe once built). When any
/// registration of the type is something else (a factory, a constructor with dependencies, a disposable), the
/// validators of that type are resolved per scope as before.
/// </summary>
/// <param name="services">The application's registrations, read on first use of each payload type (after the container is built).</param>
internal sealed class SharedValidators(IServiceCollection services)
{
    private readonly ConcurrentDictionary<Type, IValidator[]?> _byServiceType = new();

    /// <summary>
    /// The validators registered as <paramref name="validatorServiceType"/> (<c>IValidator&lt;TPayload&gt;</c>), in
    /// registration order, when all of them can be shared; null when they must be resolved in the caller's scope.
    /// </summary>
    public IValidator[]? For(Type validatorServiceType) =>
        // Looked up first: GetOrAdd(type, Build) would allocate a delegate for the instance method on every call.
        _byServiceType.TryGetValue(validatorServiceType, out var validators) ? validators : _byServiceType.GetOrAdd(validatorServiceType, Build);

    private IValidator[]? Build(Type validatorServiceType)
    {
        var shared = new List<IValidator>();
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType != validatorServiceType || descriptor.IsKeyedService)
            {
                continue;
            }

            if (descriptor.ImplementationInstance is IValidator instance)
            {
                shared.Add(instance);
            }
            else if (descriptor.ImplementationType is { } type
                && !typeof(IDisposable).IsAssignableFrom(type)
                && !typeof(IAsyncDisposable).IsAssignableFrom(type)
                && type.GetConstructors() is [{ } constructor]
                && constructor.GetParameters().Length == 0
                && Activator.CreateInstance(type) is IValidator built)
            {
                shared.Add(built);
            }
            else
            {
                return null;
            }
        }

        return [.. shared];
    }
}
