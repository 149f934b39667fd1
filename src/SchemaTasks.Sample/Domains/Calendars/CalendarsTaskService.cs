using Microsoft.Extensions.Logging;

namespace SchemaTasks.Sample.Calendars;

/// <summary>
/// The calendars domain's task service: business logic and task definitions. The generator turns it into
/// <c>ICalendarsTasker</c>, <c>CalendarsTasker</c>, <c>CalendarsTriggerTasker</c>, <c>CalendarsSyncTasker</c>,
/// <c>CalendarsTasks</c> and <c>services.AddCalendarsTasker()</c>.
/// </summary>
/// <param name="logger">The logger.</param>
public sealed class CalendarsTaskService(ILogger<CalendarsTaskService> logger)
{
    /// <summary>The calendars every user starts with.</summary>
    public static readonly IReadOnlyList<string> DefaultCalendars = ["Personal", "Work"];

    /// <summary>Creates the default calendars of a user; safe to repeat.</summary>
    /// <param name="payload">The user.</param>
    /// <param name="calendars">Resolved per run from the run's scope: the pattern's lazy "dynamic import".</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    [SchemaTask("calendars.ensure-default-calendars", Config = typeof(CalendarsTaskConfig))]
    public async Task EnsureDefaultCalendarsAsync(
        EnsureDefaultCalendarsPayload payload,
        ICalendarRepository calendars,
        CancellationToken cancellationToken)
    {
        foreach (var name in DefaultCalendars)
        {
            if (await calendars.EnsureAsync(payload.UserId, name, cancellationToken))
            {
                logger.LogInformation("Created calendar '{Name}' for user {UserId}", name, payload.UserId);
            }
        }
    }

    /// <summary>
    /// Copies a user's Google Calendar events. It needs a bigger machine than the domain's, so it overrides the
    /// machine, and with it only the out-of-memory machine (STK0007 wants it larger than the task's own): the rest of
    /// the retry config is inherited from CalendarsTaskConfig.
    /// </summary>
    /// <param name="payload">The user and the period.</param>
    /// <param name="calendars">The calendars store.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    [SchemaTask("calendars.backfill-google-calendar-events", Config = typeof(CalendarsTaskConfig))]
    [TaskMachine(Machine.Medium1x)]
    [TaskRetry(OutOfMemoryMachine = Machine.Medium2x)]
    public async Task BackfillGoogleCalendarEventsAsync(
        BackfillGoogleCalendarEventsPayload payload,
        ICalendarRepository calendars,
        CancellationToken cancellationToken)
    {
        await calendars.EnsureAsync(payload.UserId, "Google", cancellationToken);
        logger.LogInformation("Backfilled {Days} days of Google events for user {UserId}", payload.Days, payload.UserId);
    }
}
