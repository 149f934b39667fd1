using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace SchemaTasks.Tests.Scheduling;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it, so a test moves the clock only
/// once the scheduler waits, and knows when the scheduler has settled on its next wait.
/// </summary>
internal sealed class ObservableFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<DateTimeOffset> _created = Channel.CreateUnbounded<DateTimeOffset>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var dueAt = GetUtcNow() + dueTime;
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueAt);
        return timer;
    }

    /// <summary>Waits for the next timer created; returns when it is due.</summary>
    public async Task<DateTimeOffset> NextTimerAsync()
    {
        using var safety = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        safety.CancelAfter(TimeSpan.FromSeconds(10));
        return await _created.Reader.ReadAsync(safety.Token);
    }

    /// <summary>Waits until a timer due at <paramref name="due"/> exists, passing over timers of other components.</summary>
    public async Task WaitForTimerDueAsync(DateTimeOffset due)
    {
        while (await NextTimerAsync() != due)
        {
        }
    }
}
