using Microsoft.Extensions.Logging;
using Npgsql;

namespace SchemaTasks.Quartz.Postgres;

/// <summary>
/// One LISTEN connection per process and schema: it hears the cluster's <c>pg_notify</c> messages (a run reached a
/// final status: <c>c:&lt;run id&gt;</c>; work is ready or a slot was freed: <c>w</c>) and raises
/// <see cref="Notified"/>. It reconnects after a lost connection; whoever relies on it also polls on a bounded
/// interval, so a notification lost while reconnecting delays work but never loses it.
/// </summary>
internal sealed class PostgresNotifications : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task? _loop;

    public PostgresNotifications(NpgsqlDataSource dataSource, string schema, ILogger logger)
    {
        _dataSource = dataSource;
        Channel = ChannelOf(schema);
        _logger = logger;
    }

    /// <summary>The channel name of the schema.</summary>
    public string Channel { get; }

    /// <summary>Raised for each message, on the listener's thread; handlers must be quick.</summary>
    public event Action<string>? Notified;

    /// <summary>Raised each time the listener (re)connects: messages may have been missed, so listeners re-read state.</summary>
    public event Action? Connected;

    public static string ChannelOf(string schema) => "schematasks_" + schema;

    /// <summary>Starts listening (once).</summary>
    public void EnsureStarted()
    {
        lock (_gate)
        {
            _loop ??= Task.Run(() => ListenAsync(_stop.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, message) => Notified?.Invoke(message.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                Connected?.Invoke();
                while (!cancellationToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A lost connection is retried; the pollers cover the gap.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                QuartzBackendLog.ListenerLost(_logger, Channel, ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
