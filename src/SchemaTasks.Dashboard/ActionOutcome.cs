namespace SchemaTasks.Dashboard;

/// <summary>The JSON answer of a dashboard action.</summary>
/// <param name="Ok">Whether the action did what was asked.</param>
/// <param name="Message">What happened, for the person who clicked.</param>
/// <param name="RunId">The run the action created or changed, if any.</param>
/// <param name="Errors">Validation errors of a payload, by property.</param>
internal sealed record ActionOutcome(bool Ok, string Message, string? RunId = null, IReadOnlyList<PayloadError>? Errors = null);

/// <summary>One validation error of a payload.</summary>
/// <param name="Property">The property path, empty for the payload as a whole.</param>
/// <param name="Message">The validator's message.</param>
internal sealed record PayloadError(string Property, string Message);
