using System.Collections.Concurrent;

namespace SchemaTasks.Sample.Billing;

/// <summary>Teams and their prorations.</summary>
public interface IBillingRepository
{
    /// <summary>The teams billed monthly.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<int>> TeamIdsAsync(CancellationToken cancellationToken);

    /// <summary>Records the proration of a team for a month; idempotent.</summary>
    /// <param name="teamId">The team.</param>
    /// <param name="month">The month.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task RecordProrationAsync(int teamId, DateOnly month, CancellationToken cancellationToken);
}

/// <summary>An in-memory <see cref="IBillingRepository"/> with three teams.</summary>
public sealed class InMemoryBillingRepository : IBillingRepository
{
    /// <summary>Every (team, month) prorated.</summary>
    public ConcurrentDictionary<(int TeamId, DateOnly Month), byte> Prorated { get; } = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> TeamIdsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<int>>([101, 102, 103]);

    /// <inheritdoc />
    public Task RecordProrationAsync(int teamId, DateOnly month, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Prorated.TryAdd((teamId, month), 0);
        return Task.CompletedTask;
    }
}
