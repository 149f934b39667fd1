using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.Sample.Billing;
using SchemaTasks.Sample.Calendars;
using SchemaTasks.Sample.Webhooks;

namespace SchemaTasks.Sample;

/// <summary>A run the sample triggered, and whether it is meant to fail.</summary>
/// <param name="Handle">The run.</param>
/// <param name="ExpectFailure">True for a delivery to a subscriber that is down: it fails after its retries, by design.</param>
internal sealed record SampleRun(TaskRunHandle Handle, bool ExpectFailure = false);

/// <summary>
/// A realistic burst: webhook deliveries (some to flaky subscribers that fail and are retried, two to a subscriber
/// that is down, one whose response is too big for small-2x and moves to medium-1x), calendar work for new users,
/// and this month's proration batch.
/// </summary>
internal static class Burst
{
    public static async Task<IReadOnlyList<SampleRun>> TriggerAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var calendars = services.GetRequiredService<ICalendarsTasker>();
        var webhooks = services.GetRequiredService<IWebhooksTasker>();
        var trigger = services.GetRequiredService<ITaskTrigger>();
        var runs = new List<SampleRun>();

        for (var i = 1; i <= 40; i++)
        {
            var (url, expectFailure) = i switch
            {
                <= 5 => ($"https://flaky-{i}.example.com/hooks", false),
                6 or 7 => ($"https://down.example.com/hooks/{i}", true),
                8 => ("https://huge-export.example.com/hooks", false),
                _ => ($"https://hooks-{i % 7}.example.com/{i}", false),
            };
            var payload = new WebhookDeliveryPayload(url, i % 3 == 0 ? "booking.cancelled" : "booking.created", $"{{\"bookingId\":{1000 + i}}}");
            runs.Add(new(await webhooks.DeliverAsync(payload, new TriggerOptions { Tags = [$"booking:{1000 + i}"] }, cancellationToken), expectFailure));
        }

        for (var userId = 1; userId <= 30; userId++)
        {
            runs.Add(new(await calendars.EnsureDefaultCalendarsAsync(new EnsureDefaultCalendarsPayload(userId), cancellationToken: cancellationToken)));
        }

        for (var userId = 1; userId <= 4; userId++)
        {
            runs.Add(new(await calendars.BackfillGoogleCalendarEventsAsync(new BackfillGoogleCalendarEventsPayload(userId, Days: 30 * userId), cancellationToken: cancellationToken)));
        }

        // A payload that breaks its schema is refused at the trigger: nothing is enqueued.
        try
        {
            await calendars.EnsureDefaultCalendarsAsync(new EnsureDefaultCalendarsPayload(UserId: 0), cancellationToken: cancellationToken);
        }
        catch (ValidationException ex)
        {
            output.WriteLine($"refused   calendars.ensure-default-calendars: {string.Join("; ", ex.Errors.Select(e => e.ErrorMessage))}");
        }

        // Scheduled tasks fire from their cron; the sample runs this month's occurrence now. It fans out one
        // proration per team.
        var today = DateTime.UtcNow;
        var firstOfMonth = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero);
        runs.Add(new(await trigger.TriggerAsync(
            MonthlyProrationTasks.Schedule,
            new ScheduledRun(MonthlyProrationTasks.ScheduleId, firstOfMonth, null, "UTC", []),
            options: null,
            cancellationToken)));
        return runs;
    }
}
