using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SchemaTasks.Tests.Scheduling;

/// <summary>
/// Runs scheduled occurrences "inline": each run starts (reported on <see cref="NextStartedAsync"/>) and lasts
/// until the test releases it with <see cref="Finish"/>, or ends at once when <see cref="Blocking"/> is false.
/// </summary>
internal sealed class FakeSyncTaskRunner : ISyncTaskRunner
{
    private readonly Channel<ScheduledRun> _started = Channel.CreateUnbounded<ScheduledRun>();
    private readonly ConcurrentDictionary<DateTimeOffset, TaskCompletionSource> _running = new();
    private int _calls;

    public bool Blocking { get; set; }

    public Func<int, Exception?> Fail { get; set; } = _ => null;

    public int Calls => Volatile.Read(ref _calls);

    public async Task<TaskRunHandle> RunAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? options, CancellationToken cancellationToken)
        where TPayload : notnull
    {
        var call = Interlocked.Increment(ref _calls);
        var run = (ScheduledRun)(object)payload;
        var finished = _running.GetOrAdd(run.Timestamp, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _started.Writer.TryWrite(run);
        if (Blocking)
        {
            await finished.Task.WaitAsync(cancellationToken);
        }

        if (Fail(call) is { } failure)
        {
            throw failure;
        }

        return new TaskRunHandle($"inline-{call}", task.Id, TaskRunMode.Sync);
    }

    public void Finish(DateTimeOffset occurrence) =>
        _running.GetOrAdd(occurrence, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task<ScheduledRun> NextStartedAsync()
    {
        using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(10));
        return await _started.Reader.ReadAsync(safety.Token);
    }
}
