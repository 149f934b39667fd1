using System.Collections.Concurrent;
using System.Diagnostics;
using SchemaTasks.Diagnostics;

namespace SchemaTasks.Tests.Diagnostics;

/// <summary>
/// Records the stopped SchemaTasks spans of one task. Tests run in parallel and a listener hears every source's span
/// in the process, so only the spans tagged with this task's id are kept.
/// </summary>
internal sealed class SpanCapture : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanCapture(string taskId)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SchemaTasksTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(SchemaTasksTelemetry.TaskIdTag), taskId))
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The stopped spans with this operation name.</summary>
    public IReadOnlyList<Activity> Named(string operationName) => [.. _stopped.Where(activity => activity.OperationName == operationName)];

    public void Dispose() => _listener.Dispose();
}
