using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SchemaTasks.Diagnostics;

namespace SchemaTasks;

/// <summary>
/// Says, once per task and option, which trigger options the sync runner cannot honour inline, so that no
/// option is dropped silently and a hot path does not flood the log.
/// </summary>
internal sealed class SyncOptionWarnings
{
    private readonly ConcurrentDictionary<(string TaskId, string Option), byte> _reported = new();

    public void ReportUnhonoured(string taskId, TriggerOptions options, ILogger logger)
    {
        if (options.Delay is { } delay && delay > TimeSpan.Zero)
        {
            Report(taskId, nameof(TriggerOptions.Delay), "the run starts at once", logger);
        }

        if (options.Ttl is not null)
        {
            Report(taskId, nameof(TriggerOptions.Ttl), "the run starts at once, so it never expires", logger);
        }

        if (options.ConcurrencyKey is not null)
        {
            Report(taskId, nameof(TriggerOptions.ConcurrencyKey), "inline runs are not limited by the queue, per key or in total", logger);
        }
    }

    private void Report(string taskId, string option, string consequence, ILogger logger)
    {
        if (_reported.TryAdd((taskId, option), 0))
        {
            SchemaTasksLog.SyncOptionNotHonoured(logger, taskId, option, consequence);
        }
    }
}
