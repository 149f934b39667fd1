using System.Collections.Concurrent;

namespace SchemaTasks.Tests.Infrastructure;

/// <summary>
/// A task body that holds every run at its own gate until the test releases it, and counts the runs in flight, so
/// that a limit test can stop the world at the limit and count exactly.
/// </summary>
public sealed class HeldRuns
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _entered = new();
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _inFlight;

    /// <summary>Payload values whose runs are in the body now.</summary>
    public ConcurrentDictionary<int, bool> Running { get; } = new();

    /// <summary>Runs in the body now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The body: enters, waits at the payload value's gate, leaves.</summary>
    public async Task RunAsync(TestPayload payload)
    {
        Running[payload.Value] = true;
        lock (_lock)
        {
            _inFlight++;
            Signal();
        }

        Entered(payload.Value).TrySetResult();
        try
        {
            await Gate(payload.Value).Task;
        }
        finally
        {
            Running.TryRemove(payload.Value, out _);
            lock (_lock)
            {
                _inFlight--;
            }
        }
    }

    /// <summary>Completes when the run of <paramref name="value"/> has entered the body.</summary>
    public Task WhenEnteredAsync(int value) => Entered(value).Task.WaitAsync(TestRuntime.SafetyTimeout);

    /// <summary>Completes when at least <paramref name="count"/> runs are in the body at once.</summary>
    public Task WhenInFlightAsync(int count)
    {
        lock (_lock)
        {
            if (_inFlight >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task.WaitAsync(TestRuntime.SafetyTimeout);
        }
    }

    /// <summary>Lets the run of <paramref name="value"/> leave the body.</summary>
    public void Release(int value) => Gate(value).TrySetResult();

    /// <summary>Lets every run leave, now and later.</summary>
    public void ReleaseAll(IEnumerable<int> values)
    {
        foreach (var value in values)
        {
            Release(value);
        }
    }

    private TaskCompletionSource Gate(int value) => _gates.GetOrAdd(value, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private TaskCompletionSource Entered(int value) => _entered.GetOrAdd(value, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Signal()
    {
        foreach (var waiter in _waiters.Where(w => _inFlight >= w.Count).ToList())
        {
            waiter.Reached.TrySetResult();
            _waiters.Remove(waiter);
        }
    }
}
