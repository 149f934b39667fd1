using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SchemaTasks.Sample.Calendars;
using SchemaTasks.Sample.Webhooks;

namespace SchemaTasks.Sample;

/// <summary>
/// The dashboard mode's background load: a webhook or calendar run every second or so (a flaky subscriber now
/// and then), and a delayed reminder every half minute that the dashboard can cancel or reschedule.
/// </summary>
internal sealed class Trickle(IServiceProvider services) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var webhooks = services.GetRequiredService<IWebhooksTasker>();
        var calendars = services.GetRequiredService<ICalendarsTasker>();
        var tick = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(800));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                tick++;
                if (tick % 3 == 0)
                {
                    await calendars.EnsureDefaultCalendarsAsync(new EnsureDefaultCalendarsPayload(100 + tick), cancellationToken: stoppingToken);
                }
                else
                {
                    var url = tick % 11 == 0 ? $"https://flaky-trickle-{tick}.example.com/hooks" : $"https://hooks-{tick % 5}.example.com/live";
                    await webhooks.DeliverAsync(new WebhookDeliveryPayload(url, "booking.created", $"{{\"bookingId\":{5000 + tick}}}"), new TriggerOptions { Tags = [$"booking:{5000 + tick}"] }, stoppingToken);
                }

                if (tick % 40 == 1)
                {
                    await webhooks.DeliverAsync(
                        new WebhookDeliveryPayload("https://hooks-reminders.example.com/live", "booking.reminder", $"{{\"bookingId\":{5000 + tick}}}"),
                        new TriggerOptions { Delay = TimeSpan.FromMinutes(10), Tags = ["reminder"] },
                        stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Ctrl+C.
        }
    }
}
