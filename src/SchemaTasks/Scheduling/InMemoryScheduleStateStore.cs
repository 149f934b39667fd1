using System.Collections.Concurrent;

namespace SchemaTasks.Scheduling;

/// <summary>
/// The default <see cref="IScheduleStateStore"/>: lives as long as the service provider, so a scheduler
/// stopped and started again in the same process catches up, and a new process starts with no history.
/// </summary>
internal sealed class InMemoryScheduleStateStore : IScheduleStateStore
{
    private readonly ConcurrentDictionary<string, ScheduleState> _states = new(StringComparer.Ordinal);

    public Task<ScheduleState?> GetAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduleId);
        return Task.FromResult(_states.TryGetValue(scheduleId, out var state) ? state : null);
    }

    public Task SetAsync(string scheduleId, ScheduleState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduleId);
        ArgumentNullException.ThrowIfNull(state);
        _states[scheduleId] = state;
        return Task.CompletedTask;
    }
}
