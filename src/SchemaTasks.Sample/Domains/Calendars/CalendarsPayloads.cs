using FluentValidation;

namespace SchemaTasks.Sample.Calendars;

/// <summary>Creates the default calendars of a user.</summary>
/// <param name="UserId">The user.</param>
public sealed record EnsureDefaultCalendarsPayload(int UserId);

/// <summary>Validates <see cref="EnsureDefaultCalendarsPayload"/>.</summary>
public sealed class EnsureDefaultCalendarsPayloadValidator : AbstractValidator<EnsureDefaultCalendarsPayload>
{
    /// <summary>The rules.</summary>
    public EnsureDefaultCalendarsPayloadValidator() => RuleFor(p => p.UserId).GreaterThan(0);
}

/// <summary>Copies a user's Google Calendar events of the last days.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Days">How many days back to copy.</param>
public sealed record BackfillGoogleCalendarEventsPayload(int UserId, int Days);

/// <summary>Validates <see cref="BackfillGoogleCalendarEventsPayload"/>.</summary>
public sealed class BackfillGoogleCalendarEventsPayloadValidator : AbstractValidator<BackfillGoogleCalendarEventsPayload>
{
    /// <summary>The rules.</summary>
    public BackfillGoogleCalendarEventsPayloadValidator()
    {
        RuleFor(p => p.UserId).GreaterThan(0);
        RuleFor(p => p.Days).InclusiveBetween(1, 365);
    }
}
