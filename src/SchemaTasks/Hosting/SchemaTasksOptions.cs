using System.Text.Json;

namespace SchemaTasks;

/// <summary>Options of the SchemaTasks runtime, set through <c>services.AddSchemaTasks(options =&gt; ...)</c>.</summary>
public sealed class SchemaTasksOptions
{
    /// <summary>The configuration key that switches taskers between async and sync.</summary>
    public const string AsyncTaskerKey = "ENABLE_ASYNC_TASKER";

    /// <summary>
    /// Forces the mode of every tasker. Null (the default): read <c>ENABLE_ASYNC_TASKER</c> once at start,
    /// from configuration (environment variables included): unset or <c>true</c> is async, <c>false</c> is sync.
    /// </summary>
    public TaskRunMode? Mode { get; set; }

    /// <summary>Whether a run that cannot be enqueued runs inline with the sync tasker instead. Default true.</summary>
    public bool FallbackToSync { get; set; } = true;

    /// <summary>The serializer options payloads cross async backends with.</summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Whether log events may carry payloads. Default false: payloads are never logged.</summary>
    public bool LogPayloads { get; set; }

    /// <summary>The default of <see cref="RunHistoryLimit"/>.</summary>
    public const int DefaultRunHistoryLimit = 10_000;

    /// <summary>
    /// How many finished runs the in-memory run store keeps (default 10,000): beyond it the earliest finished runs are
    /// forgotten, so that a long-lived host does not grow without bound; an idempotency key outlives its run's history
    /// until its TTL passes. Runs not yet finished are never dropped. A durable store (Quartz) has its own retention and
    /// ignores this value. A finished run is kept as a slot of arrays sized by this limit, not as objects of its own
    /// (about 200 bytes, plus the payload and error a failed or canceled run keeps for replay): a larger history costs
    /// memory, not collector time.
    /// </summary>
    public int RunHistoryLimit { get; set; } = DefaultRunHistoryLimit;

    /// <summary>The default of <see cref="MaxUnfinishedRuns"/>.</summary>
    public const int DefaultMaxUnfinishedRuns = 1_000_000;

    /// <summary>
    /// How many runs the in-process backend holds unfinished (delayed, queued, executing or waiting for a retry) at
    /// most; default 1,000,000. Past it a trigger throws <see cref="TaskEnqueueException"/> with
    /// <see cref="TaskEnqueueFailure.BackendFull"/> (never answered by running inline), so that memory does not grow
    /// without bound when triggers outpace the workers. Durable backends ignore it.
    /// </summary>
    public int MaxUnfinishedRuns { get; set; } = DefaultMaxUnfinishedRuns;

    /// <summary>Where the resolved <see cref="Mode"/> came from, for the start-up log.</summary>
    internal string? ModeSource { get; set; }

    /// <summary>Why <c>ENABLE_ASYNC_TASKER</c> could not be read; fails validation (and so the host's start).</summary>
    internal string? ModeError { get; set; }
}
