using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace SchemaTasks;

/// <summary>Validation at the door (trigger and sync runner): every registered validator, in a fresh DI scope.</summary>
internal static class PayloadValidation
{
    /// <summary>Throws <see cref="ValidationException"/> carrying every error of every validator when the payload is invalid.</summary>
    public static async Task ThrowIfInvalidAsync(IServiceScopeFactory scopes, TaskDefinition task, object payload, CancellationToken cancellationToken)
    {
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
