using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace SchemaTasks;

/// <summary>Validation at the door (trigger and sync runner): every registered validator, in a fresh DI scope.</summary>
/// <param name="scopes">Creates the scope the validators are resolved in.</param>
/// <param name="registrations">
/// Tells whether a payload has any validator; null when the container cannot tell, and then every payload is validated.
/// </param>
internal sealed class PayloadValidation(IServiceScopeFactory scopes, IServiceProviderIsService? registrations)
{
    /// <summary>Throws <see cref="ValidationException"/> carrying every error of every validator when the payload is invalid.</summary>
    public async Task ThrowIfInvalidAsync(TaskDefinition task, object payload, CancellationToken cancellationToken)
    {
        // Most payloads have no validator: asking the container first spares every such trigger a scope of its own.
        if (registrations is not null && !registrations.IsService(task.ValidatorType))
        {
            return;
        }

        // A fresh scope: validators are registered scoped and may depend on scoped services.
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var failures = await task.ValidateAsync(scope.ServiceProvider, payload, cancellationToken).ConfigureAwait(false);
            if (failures.Count > 0)
            {
                throw new ValidationException($"The payload of task '{task.Id}' is invalid: "
                    + string.Join("; ", failures.Select(failure => failure.ErrorMessage)), failures);
            }
        }
    }
}
