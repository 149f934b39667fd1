using System.Collections.Concurrent;

namespace SchemaTasks.Quartz.Dispatch;

/// <summary>
/// The run queue of the RAM store: ready runs in arrival order and per-queue slot counts, in this process. Not
/// durable, as the RAM store is not: a run that is ready when the process ends is lost with it.
/// </summary>
internal sealed class MemoryRunQueue(SchemaTasksQuartzOptions options) : IRunQueue
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskRunInfo> _ready = new();
    private readonly HashSet<string> _readyIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QueueOptions> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Queue, string? Key), int> _perKey = [];
    private readonly Dictionary<string, int> _perQueue = new(StringComparer.Ordinal);
    private readonly WorkSignal _signal = new();

    public Task StartAsync(IReadOnlyCollection<TaskDefinition> tasks, CancellationToken cancellationToken)
    {
        foreach (var task in tasks)
        {
            _queues[task.Queue.Name] = task.Queue;
        }

        return Task.CompletedTask;
    }

    public ValueTask RegisterQueueAsync(QueueOptions queue, CancellationToken cancellationToken)
    {
        _queues.TryAdd(queue.Name, queue);
        return ValueTask.CompletedTask;
    }

    public ValueTask PublishAsync(TaskRunInfo run, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_readyIds.Add(run.RunId))
            {
                _ready.AddLast(run);
            }
        }

        _signal.Set();
        return ValueTask.CompletedTask;
    }

    public Task<IReadOnlyList<ClaimedRun>> ClaimAsync(int max, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = new List<ClaimedRun>();
        lock (_gate)
        {
            for (var node = _ready.First; node is not null && claimed.Count < max;)
            {
                var next = node.Next;
                var run = node.Value;
                var queue = run.Queue ?? QueueOptions.TaskQueuePrefix + run.TaskId;
                if (options.Serves(run.Machine) && TryTakeSlot(queue, run.ConcurrencyKey))
                {
                    _ready.Remove(node);
                    _readyIds.Remove(run.RunId);
                    claimed.Add(new ClaimedRun(run.RunId, queue, run.ConcurrencyKey));
                }

                node = next;
            }
        }

        return Task.FromResult<IReadOnlyList<ClaimedRun>>(claimed);
    }

    public Task ReleaseAsync(ClaimedRun run, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _perKey[(run.Queue, run.ConcurrencyKey)]--;
            _perQueue[run.Queue]--;
        }

        _signal.Set();
        return Task.CompletedTask;
    }

    public Task AbandonAsync(ClaimedRun run, CancellationToken cancellationToken) => ReleaseAsync(run, cancellationToken);

    public Task<IReadOnlyList<string>> HeartbeatAsync(DateTimeOffset now, IReadOnlyCollection<string> running, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public Task<IReadOnlyList<TaskRunInfo>> UnservedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TaskRunInfo>>([.. _ready.Where(run => !options.Serves(run.Machine)).Take(10)]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private bool TryTakeSlot(string queue, string? key)
    {
        var limits = _queues.TryGetValue(queue, out var known) ? known : new QueueOptions(queue, QueueOptions.UnboundedConcurrencyLimit);
        var perKey = _perKey.GetValueOrDefault((queue, key));
        var perQueue = _perQueue.GetValueOrDefault(queue);
        if (perKey >= limits.ConcurrencyLimit || (limits.TotalConcurrencyLimit > 0 && perQueue >= limits.TotalConcurrencyLimit))
        {
            return false;
        }

        _perKey[(queue, key)] = perKey + 1;
        _perQueue[queue] = perQueue + 1;
        return true;
    }
}
