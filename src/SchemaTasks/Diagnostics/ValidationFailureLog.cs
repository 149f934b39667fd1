using FluentValidation.Results;

namespace SchemaTasks.Diagnostics;

/// <summary>
/// What the invalid-payload log events (1102, 1209) say about the failures. FluentValidation's built-in messages
/// quote the offending value ("You entered …"), so by default only each failure's property name and error code
/// are logged; the messages only with <see cref="SchemaTasksOptions.LogPayloads"/>.
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
}
