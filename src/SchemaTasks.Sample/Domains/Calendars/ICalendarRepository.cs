using System.Collections.Concurrent;

namespace SchemaTasks.Sample.Calendars;

/// <summary>Where calendars live.</summary>
public interface ICalendarRepository
{
    /// <summary>Creates the calendar unless the user already has one of that name.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="name">The calendar name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when it was created.</returns>
    Task<bool> EnsureAsync(int userId, string name, CancellationToken cancellationToken);

    /// <summary>The calendars of a user.</summary>
    /// <param name="userId">The user.</param>
    IReadOnlyCollection<string> CalendarsOf(int userId);
}

/// <summary>An in-memory <see cref="ICalendarRepository"/> for the sample and the tests.</summary>
public sealed class InMemoryCalendarRepository : ICalendarRepository
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, byte>> _calendars = new();

    /// <summary>How long a write takes: a delay uniform in [<see cref="Latency"/>, 2 × <see cref="Latency"/>). Default zero.</summary>
    public TimeSpan Latency { get; init; }

    /// <inheritdoc />
    public async Task<bool> EnsureAsync(int userId, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency * (1 + Random.Shared.NextDouble()), cancellationToken);
        }

        return _calendars.GetOrAdd(userId, _ => new()).TryAdd(name, 0);
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> CalendarsOf(int userId) =>
        _calendars.TryGetValue(userId, out var names) ? names.Keys.Order().ToArray() : [];
}
