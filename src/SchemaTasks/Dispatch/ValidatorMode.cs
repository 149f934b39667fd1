using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using FluentValidation;
using FluentValidation.Validators;

namespace SchemaTasks;

/// <summary>
/// Whether a validator can be run with FluentValidation's synchronous <c>Validate</c> instead of <c>ValidateAsync</c>
/// and give the same result: its async path allocates a task and state machines per rule, and validation runs on
/// every trigger and before every attempt. Decided once per validator type, by reading its rules:
/// <list type="bullet">
/// <item>an <see cref="AbstractValidator{T}"/> that overrides neither <c>Validate</c> nor <c>ValidateAsync</c>;</item>
/// <item>no rule and no rule component with an async condition (<c>WhenAsync</c>/<c>UnlessAsync</c>);</item>
/// <item>no component whose validator has an async form (<c>MustAsync</c>, <c>CustomAsync</c>, a custom
/// <see cref="IAsyncPropertyValidator{T, TProperty}"/>, and child validators (<c>SetValidator</c>, <c>Include</c>,
/// <c>ChildRules</c>), which FluentValidation runs asynchronously when it can);</item>
/// <item>the same for every dependent rule.</item>
/// </list>
/// Anything else (a hand-written <see cref="IValidator"/>, a validator of a base type of the payload) runs
/// asynchronously, as it always did. What the rules do not show (a collection rule's <c>WhereAsync</c> filter) makes
/// FluentValidation throw <see cref="AsyncValidatorInvokedSynchronouslyException"/> before it runs anything async:
/// the caller then validates asynchronously, and <see cref="MarkAsynchronous"/> keeps the type async for good.
/// </summary>
internal static class ValidatorMode
{
    private static readonly ConcurrentDictionary<Type, bool> Synchronous = new();

    /// <summary>Whether <paramref name="validator"/>'s type has only synchronous rules, read once per type.</summary>
    /// <typeparam name="TPayload">The payload the validator is run on.</typeparam>
    public static bool IsSynchronous<TPayload>(IValidator validator)
    {
        var type = validator.GetType();
        return Synchronous.TryGetValue(type, out var synchronous)
            ? synchronous
            : Synchronous.GetOrAdd(type, static (_, validator) => HasOnlySynchronousRules<TPayload>(validator), validator);
    }

    /// <summary>From now on, validators of <paramref name="validatorType"/> run asynchronously.</summary>
    public static void MarkAsynchronous(Type validatorType) => Synchronous[validatorType] = false;

    [UnconditionalSuppressMessage("Trimming", "IL2075:Reflection on an unannotated type", Justification =
        "Looks for the validator's own overrides of Validate/ValidateAsync: an override is called by FluentValidation, so "
        + "it is kept; when trimming removed the metadata, the lookup finds nothing and the validator runs asynchronously, as before.")]
    private static bool HasOnlySynchronousRules<TPayload>(IValidator validator)
    {
        // A validator of a base type of the payload (IValidator<in T>) is left to its async path: it is rare, and its
        // context would be converted.
        if (validator is not AbstractValidator<TPayload> || validator is not IEnumerable<IValidationRule> rules)
        {
            return false;
        }

        // An override of either entry point may do what the other does not (the async one something async).
        var type = validator.GetType();
        if (type.GetMethod(nameof(IValidator.Validate), [typeof(ValidationContext<TPayload>)])?.DeclaringType != typeof(AbstractValidator<TPayload>)
            || type.GetMethod(nameof(IValidator.ValidateAsync), [typeof(ValidationContext<TPayload>), typeof(CancellationToken)])?.DeclaringType != typeof(AbstractValidator<TPayload>))
        {
            return false;
        }

        return rules.All(IsSynchronous);
    }

    private static bool IsSynchronous(IValidationRule rule) =>
        !rule.HasAsyncCondition
        && rule.Components.All(component => !component.HasAsyncCondition && !HasAsyncForm(component.Validator))
        && (rule.DependentRules ?? []).All(IsSynchronous);

    // FluentValidation runs a component asynchronously whenever its validator has an async form, even when it has a
    // synchronous one too (child validators): only validators without one give the same result both ways.
    [UnconditionalSuppressMessage("Trimming", "IL2075:Reflection on an unannotated type", Justification =
        "FluentValidation holds an async property validator as IAsyncPropertyValidator<T, TProperty> and calls it through it, so the interface is kept on the type.")]
    private static bool HasAsyncForm(IPropertyValidator validator) =>
        validator.GetType().GetInterfaces().Any(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncPropertyValidator<,>));
}
