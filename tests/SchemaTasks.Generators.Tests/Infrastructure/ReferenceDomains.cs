namespace SchemaTasks.Generators.Tests.Infrastructure;

/// <summary>The three reference domains of SPEC section 7, as a user writes them.</summary>
internal static class ReferenceDomains
{
    /// <summary>Calendars: a shared config type, a service parameter, and a method-level machine override.</summary>
    public const string Calendars = GeneratorHarness.Usings + """
        using Microsoft.Extensions.Logging;

        namespace Sample.Calendars;

        public sealed record EnsureDefaultCalendarsPayload(int UserId);

        public sealed class EnsureDefaultCalendarsPayloadValidator : AbstractValidator<EnsureDefaultCalendarsPayload>
        {
            public EnsureDefaultCalendarsPayloadValidator() => RuleFor(p => p.UserId).GreaterThan(0);
        }

        public sealed record BackfillGoogleCalendarEventsPayload(int UserId, int Days);

        public sealed class BackfillGoogleCalendarEventsPayloadValidator : AbstractValidator<BackfillGoogleCalendarEventsPayload>
        {
            public BackfillGoogleCalendarEventsPayloadValidator() => RuleFor(p => p.Days).InclusiveBetween(1, 365);
        }

        public interface ICalendarRepository
        {
            Task<bool> EnsureAsync(int userId, string name, CancellationToken cancellationToken);
        }

        public sealed class RecordingCalendarRepository : ICalendarRepository
        {
            public List<string> Calls { get; } = new();

            public Task<bool> EnsureAsync(int userId, string name, CancellationToken cancellationToken)
            {
                Calls.Add(userId + ":" + name);
                return Task.FromResult(true);
            }
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
                CancellationToken cancellationToken)
            {
                if (await calendars.EnsureAsync(payload.UserId, "Personal", cancellationToken))
                {
                    logger.LogInformation("Created the default calendar of {UserId}", payload.UserId);
                }
            }

            [SchemaTask("calendars.backfill-google-calendar-events", Config = typeof(CalendarsTaskConfig))]
            [TaskMachine(Machine.Medium1x)]
            public Task BackfillGoogleCalendarEventsAsync(BackfillGoogleCalendarEventsPayload payload, CancellationToken cancellationToken) =>
                Task.Delay(0, cancellationToken);
        }
        """;

    /// <summary>Webhooks: queue webhook-delivery (20), retry 3 x 1.8 from 500 ms to 30 s, a TaskRunContext parameter.</summary>
    public const string Webhooks = GeneratorHarness.Usings + """
        namespace Sample.Webhooks;

        public sealed record WebhookDeliveryPayload(string SubscriberUrl, string EventType, string Body);

        public sealed class WebhookDeliveryPayloadValidator : AbstractValidator<WebhookDeliveryPayload>
        {
            public WebhookDeliveryPayloadValidator() => RuleFor(p => p.EventType).NotEmpty();
        }

        public interface IWebhookSender
        {
            Task SendAsync(WebhookDeliveryPayload payload, CancellationToken cancellationToken);
        }

        [TaskQueue("webhook-delivery", ConcurrencyLimit = 20)]
        [TaskMachine(Machine.Small2x)]
        [TaskRetry(MaxAttempts = 3, Factor = 1.8, MinTimeoutInMs = 500, MaxTimeoutInMs = 30_000,
                   Randomize = true, OutOfMemoryMachine = Machine.Medium1x)]
        public static class WebhooksTaskConfig;

        public sealed class WebhooksTaskService
        {
            [SchemaTask("webhook.deliver", Config = typeof(WebhooksTaskConfig), Description = "Delivers one webhook; rethrows so retries fire.")]
            public async Task DeliverAsync(
                WebhookDeliveryPayload payload,
                IWebhookSender sender,
                TaskRunContext context,
                CancellationToken cancellationToken)
            {
                try
                {
                    await sender.SendAsync(payload, cancellationToken);
                }
                catch (Exception ex) when (context.Attempt > 0)
                {
                    throw new InvalidOperationException("Delivery failed on attempt " + context.Attempt, ex);
                }
            }
        }
        """;

    /// <summary>Billing proration: a scheduled task that fans out one batch task per team.</summary>
    public const string Billing = GeneratorHarness.Usings + """
        namespace Sample.Billing;

        public sealed record ProrateTeamPayload(int TeamId, DateOnly Month);

        public sealed class ProrateTeamPayloadValidator : AbstractValidator<ProrateTeamPayload>
        {
            public ProrateTeamPayloadValidator() => RuleFor(p => p.TeamId).GreaterThan(0);
        }

        public interface IBillingRepository
        {
            Task<IReadOnlyList<int>> TeamIdsAsync(CancellationToken cancellationToken);

            Task RecordProrationAsync(int teamId, DateOnly month, CancellationToken cancellationToken);
        }

        [TaskQueue("monthly-proration", ConcurrencyLimit = 5)]
        public static class MonthlyProrationTaskConfig;

        public sealed class MonthlyProrationTaskService
        {
            [ScheduledTask("billing.monthly-proration.schedule", Cron = "0 0 1 * *", TimeZone = "UTC",
                           Config = typeof(MonthlyProrationTaskConfig))]
            public async Task ScheduleAsync(
                ScheduledRun run,
                IBillingRepository billing,
                IMonthlyProrationTasker tasker,
                CancellationToken cancellationToken)
            {
                var month = DateOnly.FromDateTime(run.Timestamp.UtcDateTime);
                foreach (var teamId in await billing.TeamIdsAsync(cancellationToken))
                {
                    await tasker.ProrateTeamAsync(new ProrateTeamPayload(teamId, month), new TriggerOptions { IdempotencyKey = teamId + ":" + month }, cancellationToken);
                }
            }

            [SchemaTask("billing.monthly-proration.team", Config = typeof(MonthlyProrationTaskConfig))]
            public Task ProrateTeamAsync(ProrateTeamPayload payload, IBillingRepository billing, CancellationToken cancellationToken) =>
                billing.RecordProrationAsync(payload.TeamId, payload.Month, cancellationToken);
        }
        """;
}
