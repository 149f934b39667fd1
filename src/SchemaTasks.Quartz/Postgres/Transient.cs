using Npgsql;

namespace SchemaTasks.Quartz.Postgres;

/// <summary>
/// Retries a database call that failed on a transient error: typically a pooled connection the server dropped (a
/// database restart, a failover), which fails once and is then discarded by the pool. Every call retried here is
/// safe to repeat: a compare-and-set that already applied finds the run moved on and returns null, and the caller
/// reads what the store holds.
/// </summary>
internal static class Transient
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public static async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < Backoff.Length && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff[attempt], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static Task RetryAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RetryAsync(async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or System.Net.Sockets.SocketException,
        _ => false,
    };
}
