namespace Acme.Billing;

public sealed record ProrateTeamPayload(int TeamId, DateOnly Month);

public sealed class ProrateTeamPayloadValidator : AbstractValidator<ProrateTeamPayload>
{
    public ProrateTeamPayloadValidator()
    {
        RuleFor(p => p.TeamId).GreaterThan(0);
        RuleFor(p => p.Month.Day).Equal(1);
    }
}

public interface IBillingRepository
{
    Task<IReadOnlyList<int>> TeamIdsAsync(CancellationToken cancellationToken);

    Task RecordProrationAsync(int teamId, DateOnly month, CancellationToken cancellationToken);
}

[TaskQueue("monthly-proration", ConcurrencyLimit = 5)]
[TaskMachine(Machine.Small2x)]
[TaskRetry(MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 1_000, MaxTimeoutInMs = 60_000,
           Randomize = true, OutOfMemoryMachine = Machine.Medium1x)]
public static class MonthlyProrationTaskConfig;

public sealed class MonthlyProrationTaskService
{
    // The schedule fans out: one batch task per team, through the generated tasker.
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
            await tasker.ProrateTeamAsync(new ProrateTeamPayload(teamId, month), cancellationToken: cancellationToken);
        }
    }

    [SchemaTask("billing.monthly-proration.prorate-team", Config = typeof(MonthlyProrationTaskConfig))]
    public Task ProrateTeamAsync(ProrateTeamPayload payload, IBillingRepository billing, CancellationToken cancellationToken) =>
        billing.RecordProrationAsync(payload.TeamId, payload.Month, cancellationToken);
}
