using System.Globalization;
using Quartz;

namespace SchemaTasks.Quartz.Jobs;

/// <summary>
/// The one durable Quartz job behind every one-shot timer of a run: a delay's end, a retry's due time, a TTL. Each
/// timer is a trigger carrying only the run id and the timer's kind (job data is plain strings: the payload stays in
/// the run table). A timer late past the misfire threshold fires at once (one catch-up).
/// </summary>
internal sealed class TimerJob(QuartzBackend backend) : IJob
{
    public const string Release = "release";
    public const string Retry = "retry";
    public const string Expire = "expire";
    private const string RunKey = "run";
    private const string KindKey = "kind";

    public static readonly JobKey Key = new(QuartzBackend.TimerJobName, QuartzBackend.Group);

    public static IJobDetail Detail() => JobBuilder.Create<TimerJob>()
        .WithIdentity(Key)
        .StoreDurably()
        .RequestRecovery()
        .Build();

    public static async Task ScheduleAsync(IScheduler scheduler, string kind, string runId, DateTimeOffset due, CancellationToken cancellationToken)
    {
        // One trigger per run and kind and due time: a retry's timer never replaces a later one of the same run.
        var name = string.Create(CultureInfo.InvariantCulture, $"{kind}:{runId}:{due.UtcTicks}");
        var trigger = TriggerBuilder.Create()
            .WithIdentity(name, QuartzBackend.Group)
            .ForJob(Key)
            .UsingJobData(RunKey, runId)
            .UsingJobData(KindKey, kind)
            .StartAt(due)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        await backend.OnTimerAsync(data.GetString(KindKey) ?? "", data.GetString(RunKey) ?? "", cancellationToken).ConfigureAwait(false);
    }
}
