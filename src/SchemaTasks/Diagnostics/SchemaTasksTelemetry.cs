using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SchemaTasks.Diagnostics;

/// <summary>
/// The <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> named
/// <c>SchemaTasks</c>, with their span, tag and instrument names (documented in docs/configuration.md).
/// Static, as an ActivitySource is meant to be: OpenTelemetry subscribes by name.
/// </summary>
public static class SchemaTasksTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>SchemaTasks</c>.</summary>
    public const string Name = "SchemaTasks";

    /// <summary>The operation name of the span around a trigger.</summary>
    public const string TriggerActivityName = "SchemaTasks.Trigger";

    /// <summary>The operation name of the span around one attempt.</summary>
    public const string AttemptActivityName = "SchemaTasks.Attempt";

    /// <summary>Tag: the task id.</summary>
    public const string TaskIdTag = "schematasks.task.id";

    /// <summary>Tag: the run id.</summary>
    public const string RunIdTag = "schematasks.run.id";

    /// <summary>Tag: the attempt number (1 for the first).</summary>
    public const string AttemptTag = "schematasks.attempt";

    /// <summary>Tag: the queue name.</summary>
    public const string QueueTag = "schematasks.queue";

    /// <summary>Tag: the machine preset of the attempt, e.g. <c>small-2x</c>.</summary>
    public const string MachineTag = "schematasks.machine";

    /// <summary>Tag: how the trigger or attempt ended (<c>enqueued</c>, <c>inline</c>, <c>deduplicated</c>, <c>invalid</c>, <c>enqueue_failed</c>, <c>completed</c>, <c>retrying</c>, <c>failed</c>, <c>canceled</c>).</summary>
    public const string OutcomeTag = "schematasks.outcome";

    /// <summary>Tag: the run mode, <c>async</c> or <c>sync</c>.</summary>
    public const string ModeTag = "schematasks.mode";

    internal static readonly ActivitySource ActivitySource = new(Name, typeof(SchemaTasksTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(SchemaTasksTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> RunsTriggered =
        Meter.CreateCounter<long>("schematasks.runs.triggered", "{run}", "Runs created by a trigger, async or sync (idempotent repeats excluded).");

    internal static readonly Counter<long> RunsCompleted =
        Meter.CreateCounter<long>("schematasks.runs.completed", "{run}", "Runs whose attempt succeeded.");

    internal static readonly Counter<long> RunsFailed =
        Meter.CreateCounter<long>("schematasks.runs.failed", "{run}", "Runs that ended Failed (last attempt failed, abort, invalid or unreadable payload, unknown task).");

    internal static readonly Counter<long> RunsRetried =
        Meter.CreateCounter<long>("schematasks.runs.retried", "{attempt}", "Failed attempts that were followed by a retry.");

    internal static readonly Histogram<double> AttemptDuration =
        Meter.CreateHistogram<double>("schematasks.attempt.duration", "s", "The duration of one attempt of a task, in seconds.");

    /// <summary>The value of <see cref="ModeTag"/> for <paramref name="mode"/>.</summary>
    internal static string ModeName(TaskRunMode mode) => mode == TaskRunMode.Sync ? "sync" : "async";
}
