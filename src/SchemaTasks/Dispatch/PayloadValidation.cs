using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;

namespace SchemaTasks;

/// <summary>
/// Validation at the door (trigger and sync runner) and before every attempt: every registered validator of the
/// payload. Validators that need no scope (<see cref="SharedValidators"/>) are built once and reused; the others are
/// resolved in a fresh scope at the door, and in the attempt's own scope before an attempt.
/// </summary>
/// <param name="scopes">Creates the scope the validators are resolved in.</param>
/// <param name="registrations">
/// Tells whether a payload has any validator; null when the container cannot tell, and then every payload is validated.
/// </param>
/// <param name="shared">The validators that can be reused; null to resolve every validator per scope.</param>
internal sealed class PayloadValidation(IServiceScopeFactory scopes, IServiceProviderIsService? registrations, SharedValidators? shared = null)
{
    /// <summary>Throws <see cref="ValidationException"/> carrying every error of every validator when the payload is invalid.</summary>
    public async Task ThrowIfInvalidAsync(TaskDefinition task, object payload, CancellationToken cancellationToken)
    {
        // Most payloads have no validator: asking the container first spares every such trigger a scope of its own.
        if (registrations is not null && !registrations.IsService(task.ValidatorType))
        {
            return;
        }

        IReadOnlyList<ValidationFailure> failures;
        if (shared?.For(task.ValidatorType) is { } validators)
        {
            failures = await task.ValidateAsync(validators, payload, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A fresh scope: validators are registered scoped and may depend on scoped services.
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                failures = await task.ValidateAsync(scope.ServiceProvider, payload, cancellationToken).ConfigureAwait(false);
            }
        }

        if (failures.Count > 0)
        {
            throw new ValidationException($"The payload of task '{task.Id}' is invalid: "
                + string.Join("; ", failures.Select(failure => failure.ErrorMessage)), failures);
        }
    }

    /// <summary>The errors of every validator of the payload, before an attempt: shared validators, or those of the attempt's scope.</summary>
    public ValueTask<IReadOnlyList<ValidationFailure>> ValidateAttemptAsync(TaskDefinition task, IServiceProvider attemptServices, object payload, CancellationToken cancellationToken) =>
        shared?.For(task.ValidatorType) is { } validators
            ? task.ValidateAsync(validators, payload, cancellationToken)
            : task.ValidateAsync(attemptServices, payload, cancellationToken);
}
