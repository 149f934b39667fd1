using Quartz;
using Quartz.Extensibility;

namespace SchemaTasks.Quartz.Jobs;

/// <summary>Builds the backend's two jobs, bound to the backend of this host.</summary>
internal sealed class SchemaTasksJobFactory(QuartzBackend backend) : IJobFactory
{
    public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken)
    {
        var type = bundle.JobDetail.JobType.Type;
        IJob job = type == typeof(CronJob) ? new CronJob(backend)
            : type == typeof(TimerJob) ? new TimerJob(backend)
            : throw new SchedulerException($"The SchemaTasks scheduler runs only its own jobs, not {type}.");
        return ValueTask.FromResult(new JobScope(job, null!));
    }

    public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
