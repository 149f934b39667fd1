using Quartz;

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>The same no-op body as a Quartz job.</summary>
public sealed class PingQuartzJob : IJob
{
    /// <inheritdoc/>
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        RunCountdown.Signal();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The same no-op body as a Hangfire job (a public static method: Hangfire stores the call as JSON).</summary>
public static class PingHangfireJob
{
    /// <summary>Does nothing but count itself done.</summary>
    /// <param name="payload">The payload, serialized by Hangfire with the job.</param>
    public static void Run(PingPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        RunCountdown.Signal();
    }
}
