using FluentValidation;
using FluentValidation.Results;
using SchemaTasks.Execution;

namespace SchemaTasks.Diagnostics;

/// <summary>
/// What the invalid-payload log events (1102, 1209) and the trigger and attempt spans' error status say about
/// validation failures. FluentValidation's built-in messages quote the offending value ("You entered …"), so by
/// default only each failure's property name and error code are written; the messages only with
/// <see cref="SchemaTasksOptions.LogPayloads"/>.
/// </summary>
internal static class ValidationFailureLog
{
    /// <summary>
    /// <c>Property: ErrorCode</c> per failure, joined by <c>"; "</c>; the failures' messages instead when
    /// <paramref name="logPayloads"/> is set.
    /// </summary>
    /// <param name="failures">The validation failures.</param>
    /// <param name="logPayloads">Whether payload values may be logged.</param>
    public static string Format(IEnumerable<ValidationFailure> failures, bool logPayloads) =>
        string.Join("; ", failures.Select(failure => logPayloads
            ? failure.ErrorMessage
            : $"{(string.IsNullOrEmpty(failure.PropertyName) ? "(payload)" : failure.PropertyName)}: {failure.ErrorCode}"));

    /// <summary>
    /// The status description of a failed attempt's span: the run's error, except when validation failed (the
    /// payload at its attempt, or a <see cref="ValidationException"/> the task threw) and payloads may not be
    /// logged: then the failures' property names and error codes, since the run's error keeps the messages.
    /// </summary>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <param name="logPayloads">Whether payload values may be written.</param>
    public static string? AttemptSpanStatus(TaskAttemptOutcome outcome, bool logPayloads) =>
        !logPayloads && outcome.Exception is ValidationException { Errors: { } errors } && errors.Any()
            ? $"Validation failed: {Format(errors, logPayloads: false)}"
            : outcome.Error;
}
