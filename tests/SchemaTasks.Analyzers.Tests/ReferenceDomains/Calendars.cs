using Acme.Shared;

namespace Acme.Calendars;

public sealed record EnsureDefaultCalendarsPayload(int UserId);

public sealed class EnsureDefaultCalendarsPayloadValidator : AbstractValidator<EnsureDefaultCalendarsPayload>
{
    public EnsureDefaultCalendarsPayloadValidator() => RuleFor(p => p.UserId).GreaterThan(0);
}

public sealed record BackfillGoogleCalendarEventsPayload(int UserId, int Days);

public sealed class BackfillGoogleCalendarEventsPayloadValidator : AbstractValidator<BackfillGoogleCalendarEventsPayload>
{
    public BackfillGoogleCalendarEventsPayloadValidator()
    {
        RuleFor(p => p.UserId).GreaterThan(0);
        RuleFor(p => p.Days).InclusiveBetween(1, 365);
    }
}

public interface ICalendarRepository
{
    Task<bool> EnsureAsync(int userId, string name, CancellationToken cancellationToken);
}

[TaskQueue("calendars", ConcurrencyLimit = 10)]
[TaskMachine(Machine.Small2x)]
[TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 60_000, MaxTimeoutInMs = 300_000,
           Randomize = true, OutOfMemoryMachine = Machine.Medium1x)]
public static class CalendarsTaskConfig;

public sealed class CalendarsTaskService(ILogger<CalendarsTaskService> logger)
{
    [SchemaTask("calendars.ensure-default-calendars", Config = typeof(CalendarsTaskConfig))]
    public async Task EnsureDefaultCalendarsAsync(
        EnsureDefaultCalendarsPayload payload,
        ICalendarRepository calendars,
        IUnitOfWork unitOfWork,
        CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "Personal", "Work" })
        {
            if (await calendars.EnsureAsync(payload.UserId, name, cancellationToken))
            {
                logger.LogInformation("Created calendar {Name} for user {UserId}", name, payload.UserId);
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
    }

    [SchemaTask("calendars.backfill-google-calendar-events", Config = typeof(CalendarsTaskConfig),
                Description = "Copies a user's Google Calendar events.")]
    public async ValueTask BackfillGoogleCalendarEventsAsync(
        BackfillGoogleCalendarEventsPayload payload,
        ICalendarRepository calendars,
        TaskRunContext context,
        CancellationToken cancellationToken)
    {
        await calendars.EnsureAsync(payload.UserId, "Google", cancellationToken);
        logger.LogInformation("Backfilled {Days} days for user {UserId} (attempt {Attempt})", payload.Days, payload.UserId, context.Attempt);
    }
}
