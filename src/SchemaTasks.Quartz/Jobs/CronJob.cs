using Quartz;

namespace SchemaTasks.Quartz.Jobs;

/// <summary>
/// The one durable Quartz job behind every scheduled task: each task is a cron trigger (5-field cron read as Unix
/// cron, in the task's IANA time zone) whose misfire instruction fires once and proceeds, the "one late catch-up"
/// rule. A trigger already stored with the same cron and zone is left alone at start, so that a restart keeps the
/// schedule's state (and its catch-up); a changed one is replaced.
/// </summary>
internal sealed class CronJob(QuartzBackend backend) : IJob
{
    private const string TaskKey = "task";
    private const string SpecKey = "spec";

    public static readonly JobKey Key = new(QuartzBackend.CronJobName, QuartzBackend.Group);

    public static IJobDetail Detail() => JobBuilder.Create<CronJob>()
        .WithIdentity(Key)
        .StoreDurably()
        .Build();

    public static async Task ScheduleAsync(IScheduler scheduler, string taskId, ScheduleOptions schedule, CancellationToken cancellationToken)
    {
        var key = new TriggerKey("cron:" + taskId, QuartzBackend.Group);
        var spec = $"{schedule.Cron} @ {schedule.TimeZone}";
        if (await scheduler.GetTrigger(key, cancellationToken).ConfigureAwait(false) is { } existing
            && existing.JobDataMap.GetString(SpecKey) == spec)
        {
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(Key)
            // From the scheduler's clock (the host's TimeProvider), not the machine's: the first occurrence follows it.
            .StartAt(scheduler.TimeProvider.GetUtcNow())
            .UsingJobData(TaskKey, taskId)
            .UsingJobData(SpecKey, spec)
            .WithSchedule(CronScheduleBuilder.Create(schedule.Cron, CronFormat.Unix)
                .InTimeZone(SchemaTasks.Scheduling.ScheduleTimeZones.Find(schedule.TimeZone))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var taskId = context.MergedJobDataMap.GetString(TaskKey) ?? "";
        var fired = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await backend.OnOccurrenceAsync(taskId, fired, context.FireTimeUtc, context.PreviousFireTimeUtc, cancellationToken).ConfigureAwait(false);
    }
}
