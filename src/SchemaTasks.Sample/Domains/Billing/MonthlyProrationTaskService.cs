namespace SchemaTasks.Sample.Billing;

/// <summary>
/// Monthly seat proration: a schedule on the first of each month fans out one batch task per team.
/// </summary>
public sealed class MonthlyProrationTaskService
{
    /// <summary>Runs at midnight UTC on the first of every month and triggers one proration per team.</summary>
    /// <param name="run">Which occurrence of the schedule this is.</param>
    /// <param name="billing">The billing store.</param>
    /// <param name="tasker">The domain's own tasker, to fan out.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
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
            await tasker.ProrateTeamAsync(
                new ProrateTeamPayload(teamId, month),
                new TriggerOptions { IdempotencyKey = $"{teamId}:{month:yyyy-MM}", Tags = [$"team:{teamId}"] },
                cancellationToken);
        }
    }

    /// <summary>Prorates one team's seats for one month.</summary>
    /// <param name="payload">The team and the month.</param>
    /// <param name="billing">The billing store.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    [SchemaTask("billing.monthly-proration.team", Config = typeof(MonthlyProrationTaskConfig))]
    public Task ProrateTeamAsync(ProrateTeamPayload payload, IBillingRepository billing, CancellationToken cancellationToken) =>
        billing.RecordProrationAsync(payload.TeamId, payload.Month, cancellationToken);
}
