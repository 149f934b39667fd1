using FluentValidation;
using FluentValidation.Results;

namespace SchemaTasks;

/// <summary>
/// Runs the validators of a <typeparamref name="TPayload"/> and gathers every error: synchronously those that
/// <see cref="ValidatorMode"/> finds fully synchronous, asynchronously the others. When every validator runs
/// synchronously, the result comes back without a task or a state machine.
/// </summary>
/// <typeparam name="TPayload">The payload type.</typeparam>
internal static class PayloadValidators<TPayload>
    where TPayload : notnull
{
    /// <summary>Runs <paramref name="validators"/> (each an <c>IValidator&lt;TPayload&gt;</c>) in order.</summary>
    public static ValueTask<IReadOnlyList<ValidationFailure>> ValidateAsync(IValidator[] validators, TPayload payload, CancellationToken cancellationToken)
    {
        List<ValidationFailure>? failures = null;
        for (var i = 0; i < validators.Length; i++)
        {
            if (!TryValidate(validators[i], payload, ref failures, cancellationToken))
            {
                return ValidateRestAsync(validators, i, payload, failures, cancellationToken);
            }
        }

        return new(failures ?? (IReadOnlyList<ValidationFailure>)[]);
    }

    /// <summary>Runs the validators of a scope (resolved per scope: they may depend on scoped services) in order.</summary>
    public static ValueTask<IReadOnlyList<ValidationFailure>> ValidateAsync(IEnumerable<IValidator<TPayload>> validators, TPayload payload, CancellationToken cancellationToken) =>
        ValidateAsync(validators as IValidator[] ?? [.. validators], payload, cancellationToken);

    /// <summary>From <paramref name="start"/> on, once a validator had to run asynchronously.</summary>
    private static async ValueTask<IReadOnlyList<ValidationFailure>> ValidateRestAsync(
        IValidator[] validators, int start, TPayload payload, List<ValidationFailure>? failures, CancellationToken cancellationToken)
    {
        for (var i = start; i < validators.Length; i++)
        {
            if (i == start || !TryValidate(validators[i], payload, ref failures, cancellationToken))
            {
                var result = await validators[i].ValidateAsync(new ValidationContext<TPayload>(payload), cancellationToken).ConfigureAwait(false);
                Add(result, ref failures);
            }
        }

        return failures ?? (IReadOnlyList<ValidationFailure>)[];
    }

    /// <summary>Validates synchronously when the validator allows it; false when it must run asynchronously.</summary>
    private static bool TryValidate(IValidator validator, TPayload payload, ref List<ValidationFailure>? failures, CancellationToken cancellationToken)
    {
        if (!ValidatorMode.IsSynchronous<TPayload>(validator))
        {
            return false;
        }

        // What ValidateAsync does before each rule: a cancelled caller or attempt stops validation with the same exception.
        cancellationToken.ThrowIfCancellationRequested();
        ValidationResult result;
        try
        {
            result = validator.Validate(new ValidationContext<TPayload>(payload));
        }
        catch (AsyncValidatorInvokedSynchronouslyException)
        {
            // A rule the inspection did not see as async: this and every later validation of the type go async.
            ValidatorMode.MarkAsynchronous(validator.GetType());
            return false;
        }

        Add(result, ref failures);
        return true;
    }

    private static void Add(ValidationResult result, ref List<ValidationFailure>? failures)
    {
        if (!result.IsValid)
        {
            (failures ??= []).AddRange(result.Errors);
        }
    }
}
