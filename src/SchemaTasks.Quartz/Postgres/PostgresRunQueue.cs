using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using SchemaTasks.Quartz.Dispatch;

namespace SchemaTasks.Quartz.Postgres;

/// <summary>
/// The cluster's run queue on PostgreSQL. Ready runs are rows of <c>runs</c> (Queued, or Delayed past their due
/// time) on a machine this node serves; a queue slot is a row of <c>leases</c>. A claim is one transaction: the
/// candidate runs are locked with <c>FOR UPDATE SKIP LOCKED</c> (two nodes never take one run), then, per queue,
/// a transaction-scoped advisory lock serializes the count of the queue's leases against its limits (per
/// concurrency key and in total) and the insert of the new leases: no moment has more leases than the limit, on
/// all nodes together. Leases expire unless the holder's heartbeat renews them (database clock, so node clocks do
/// not matter); any node's heartbeat deletes expired leases and puts their Executing runs back to Queued in the
/// same statement. Waiting is a LISTEN (woken by <c>pg_notify</c> after publishes, sent in the background, and on every
/// release) with a bounded poll.
/// </summary>
internal sealed class PostgresRunQueue : IRunQueue
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly SchemaTasksQuartzOptions _options;
    private readonly PostgresNotifications _notifications;
    private readonly WorkSignal _signal = new();
    // The cluster's wake-up after a publish, sent by one background loop: the trigger does not wait a round trip per run
    // for it, and the publishes made while one is on its way share the next one.
    private readonly WorkSignal _announce = new();
    private readonly CancellationTokenSource _stopAnnouncing = new();
    private Task _announcer = Task.CompletedTask;
    private int _disposed;
    private readonly ConcurrentDictionary<string, byte> _registered = new(StringComparer.Ordinal);
    private readonly string[] _machines;

    public PostgresRunQueue(NpgsqlDataSource dataSource, SchemaTasksQuartzOptions options, PostgresNotifications notifications)
    {
        _dataSource = dataSource;
        _schema = options.Schema;
        _options = options;
        _notifications = notifications;
        _machines = [.. options.ServedMachines().Select(machine => machine.ToString())];
        _notifications.Notified += message =>
        {
            if (message == "w")
            {
                _signal.Set();
            }
        };
        _notifications.Connected += _signal.Set;
    }

    public async Task StartAsync(IReadOnlyCollection<TaskDefinition> tasks, CancellationToken cancellationToken)
    {
        if (_options.CreateSchema)
        {
            await PostgresSchema.EnsureAsync(_dataSource, _schema, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await PostgresSchema.ValidateAsync(_dataSource, _schema, cancellationToken).ConfigureAwait(false);
        }

        _notifications.EnsureStarted();
        _announcer = Task.Run(() => AnnounceLoopAsync(_stopAnnouncing.Token), CancellationToken.None);
        foreach (var queue in tasks.Select(task => task.Queue).DistinctBy(queue => queue.Name))
        {
            await UpsertQueueAsync(queue, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask RegisterQueueAsync(QueueOptions queue, CancellationToken cancellationToken)
    {
        if (!_registered.ContainsKey(queue.Name))
        {
            await UpsertQueueAsync(queue, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask PublishAsync(TaskRunInfo run, CancellationToken cancellationToken)
    {
        _signal.Set();
        _announce.Set();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Sends <c>pg_notify</c> after each publish: the wait takes the pending announcement, so a publish made after it
    /// (its run committed before) gets a notification sent after it, and a burst of publishes shares one.
    /// </summary>
    private async Task AnnounceLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _announce.WaitAsync(Timeout.InfiniteTimeSpan, stopping).ConfigureAwait(false);
                await NotifyAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The runs are stored already: a lost notification only delays them until a node's next poll.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    public async Task<IReadOnlyList<ClaimedRun>> ClaimAsync(int max, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Candidates: ready runs on a served machine, not leased, and (a pre-filter without the queue lock, so that a
        // full queue does not hide the queues behind it) whose queue seems to have room.
        var candidates = new List<(string RunId, string Queue, string? Key, int Limit, int Total)>();
        await using (var select = new NpgsqlCommand($"""
            SELECT r.run_id, COALESCE(r.queue, 'task/' || r.task_id), r.concurrency_key,
                   COALESCE(q.concurrency_limit, {QueueOptions.UnboundedConcurrencyLimit}), COALESCE(q.total_limit, 0)
            FROM {_schema}.runs r
            LEFT JOIN {_schema}.queues q ON q.name = COALESCE(r.queue, 'task/' || r.task_id)
            WHERE r.status IN ('Queued', 'Delayed') AND (r.delay_until IS NULL OR r.delay_until <= @now)
              AND r.machine = ANY(@machines)
              AND NOT EXISTS (SELECT 1 FROM {_schema}.leases l WHERE l.run_id = r.run_id)
              AND (SELECT count(*) FROM {_schema}.leases l WHERE l.queue = COALESCE(r.queue, 'task/' || r.task_id)
                     AND l.concurrency_key IS NOT DISTINCT FROM r.concurrency_key) < COALESCE(q.concurrency_limit, {QueueOptions.UnboundedConcurrencyLimit})
              AND (COALESCE(q.total_limit, 0) = 0
                   OR (SELECT count(*) FROM {_schema}.leases l WHERE l.queue = COALESCE(r.queue, 'task/' || r.task_id)) < q.total_limit)
            ORDER BY r.seq
            LIMIT @max
            FOR UPDATE OF r SKIP LOCKED
            """, connection, transaction))
        {
            select.Parameters.AddWithValue("now", now.ToUniversalTime());
            select.Parameters.AddWithValue("machines", _machines);
            select.Parameters.AddWithValue("max", max);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                candidates.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4)));
            }
        }

        var claimed = new List<ClaimedRun>();
        // Queues in a fixed order, so that two nodes never wait on each other's queue locks in a cycle.
        foreach (var queue in candidates.GroupBy(candidate => candidate.Queue).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            await using (var lockQueue = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@lock, 0))", connection, transaction))
            {
                lockQueue.Parameters.AddWithValue("lock", $"schematasks:{_schema}:queue:{queue.Key}");
                await lockQueue.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // Under the queue's lock: the authoritative count, expired leases included (they still run until recovered).
            var perKey = new Dictionary<string, int>(StringComparer.Ordinal);
            var nullKey = 0;
            await using (var count = new NpgsqlCommand(
                $"SELECT concurrency_key, count(*)::int FROM {_schema}.leases WHERE queue = @queue GROUP BY concurrency_key", connection, transaction))
            {
                count.Parameters.AddWithValue("queue", queue.Key);
                await using var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (reader.IsDBNull(0))
                    {
                        nullKey = reader.GetInt32(1);
                    }
                    else
                    {
                        perKey[reader.GetString(0)] = reader.GetInt32(1);
                    }
                }
            }

            // The runs that fit, counted as if every lease goes in; then their leases in one statement.
            var total = nullKey + perKey.Values.Sum();
            var fitting = new List<(string RunId, string? Key, bool Limited)>();
            foreach (var candidate in queue)
            {
                var held = candidate.Key is null ? nullKey : perKey.GetValueOrDefault(candidate.Key);
                if (held >= candidate.Limit || (candidate.Total > 0 && total >= candidate.Total))
                {
                    continue;
                }

                total++;
                if (candidate.Key is null)
                {
                    nullKey++;
                }
                else
                {
                    perKey[candidate.Key] = held + 1;
                }

                fitting.Add((candidate.RunId, candidate.Key, candidate.Limit < QueueOptions.UnboundedConcurrencyLimit || candidate.Total > 0));
            }

            if (fitting.Count == 0)
            {
                continue;
            }

            var leased = new HashSet<string>(StringComparer.Ordinal);
            await using (var lease = new NpgsqlCommand($"""
                INSERT INTO {_schema}.leases (run_id, queue, concurrency_key, node_id, expires_at)
                SELECT c.run_id, @queue, c.concurrency_key, @node, clock_timestamp() + @timeout
                FROM unnest(@runs, @keys) AS c(run_id, concurrency_key)
                ON CONFLICT (run_id) DO NOTHING
                RETURNING run_id
                """, connection, transaction))
            {
                lease.Parameters.AddWithValue("runs", fitting.Select(run => run.RunId).ToArray());
                lease.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = fitting.Select(run => run.Key).ToArray() });
                lease.Parameters.AddWithValue("queue", queue.Key);
                lease.Parameters.AddWithValue("node", _options.NodeId);
                lease.Parameters.AddWithValue("timeout", _options.LeaseTimeout);
                await using var reader = await lease.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    leased.Add(reader.GetString(0));
                }
            }

            // A run another node leased between this node's snapshot and its row lock is not this node's; the slot
            // counted for it stays unused until the next claim (never one too many).
            claimed.AddRange(fitting.Where(run => leased.Contains(run.RunId)).Select(run => new ClaimedRun(run.RunId, queue.Key, run.Key, run.Limited)));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    public Task ReleaseAsync(ClaimedRun run, CancellationToken cancellationToken) =>
        Transient.RetryAsync(token => ReleaseCoreAsync(run, token), cancellationToken);

    private async Task ReleaseCoreAsync(ClaimedRun run, CancellationToken cancellationToken)
    {
        // Only a limited queue can have runs waiting for this slot: an unbounded one needs no wake-up.
        await using var command = _dataSource.CreateCommand(run.Limited
            ? $"DELETE FROM {_schema}.leases WHERE run_id = @run AND node_id = @node; SELECT pg_notify(@channel, 'w')"
            : $"DELETE FROM {_schema}.leases WHERE run_id = @run AND node_id = @node");
        command.Parameters.AddWithValue("run", run.RunId);
        command.Parameters.AddWithValue("node", _options.NodeId);
        command.Parameters.AddWithValue("channel", _notifications.Channel);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _signal.Set();
    }

    public Task AbandonAsync(ClaimedRun run, CancellationToken cancellationToken) =>
        Transient.RetryAsync(async token =>
        {
            await using var command = _dataSource.CreateCommand(
                $"UPDATE {_schema}.leases SET expires_at = clock_timestamp() - interval '1 second' WHERE run_id = @run AND node_id = @node");
            command.Parameters.AddWithValue("run", run.RunId);
            command.Parameters.AddWithValue("node", _options.NodeId);
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<IReadOnlyList<string>> HeartbeatAsync(DateTimeOffset now, IReadOnlyCollection<string> running, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var renew = new NpgsqlCommand($"""
            UPDATE {_schema}.leases SET expires_at = clock_timestamp() + @timeout WHERE node_id = @node AND run_id = ANY(@running);
            INSERT INTO {_schema}.nodes (node_id, machines, seen_at) VALUES (@node, @machines, clock_timestamp())
            ON CONFLICT (node_id) DO UPDATE SET machines = excluded.machines, seen_at = excluded.seen_at
            """, connection))
        {
            renew.Parameters.AddWithValue("timeout", _options.LeaseTimeout);
            renew.Parameters.AddWithValue("node", _options.NodeId);
            renew.Parameters.AddWithValue("machines", _machines);
            renew.Parameters.AddWithValue("running", running.ToArray());
            await renew.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // One statement: the expired leases go, and the attempts they covered go back to the queue (the executor never
        // takes an Executing run), so a dead node's run is neither lost nor left Executing. An async run Executing with
        // no lease at all for two lease periods (its node lost the database at the worst moment) goes back too; inline
        // (sync) runs never hold a lease and are left alone.
        await using var recover = new NpgsqlCommand($"""
            WITH expired AS (
                DELETE FROM {_schema}.leases WHERE expires_at < clock_timestamp() RETURNING run_id),
            requeued AS (
                UPDATE {_schema}.runs SET status = 'Queued', delay_until = NULL, updated_at = @now,
                    error = 'The node running the attempt stopped heart-beating; the attempt runs again.'
                WHERE status = 'Executing' AND (run_id IN (SELECT run_id FROM expired)
                    OR (mode = 'Async' AND updated_at < @now - 2 * @timeout
                        AND NOT EXISTS (SELECT 1 FROM {_schema}.leases l WHERE l.run_id = runs.run_id)))
                RETURNING run_id)
            SELECT run_id, pg_notify(@channel, 'w') FROM requeued
            """, connection);
        recover.Parameters.AddWithValue("now", now.ToUniversalTime());
        recover.Parameters.AddWithValue("timeout", _options.LeaseTimeout);
        recover.Parameters.AddWithValue("channel", _notifications.Channel);
        var recovered = new List<string>();
        await using var reader = await recover.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            recovered.Add(reader.GetString(0));
        }

        return recovered;
    }

    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public async Task<IReadOnlyList<TaskRunInfo>> UnservedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Runs ready for a machine that no node seen recently serves.
        await using var command = _dataSource.CreateCommand($"""
            SELECT r.run_id, r.task_id, r.machine FROM {_schema}.runs r
            WHERE r.status IN ('Queued', 'Delayed') AND (r.delay_until IS NULL OR r.delay_until <= @now)
              AND NOT EXISTS (SELECT 1 FROM {_schema}.nodes n WHERE r.machine = ANY(n.machines) AND n.seen_at > clock_timestamp() - @window)
            ORDER BY r.seq LIMIT 10
            """);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("window", _options.LeaseTimeout);
        var runs = new List<TaskRunInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new TaskRunInfo { RunId = reader.GetString(0), TaskId = reader.GetString(1), Status = TaskRunStatus.Queued, Machine = Enum.Parse<Machine>(reader.GetString(2)) });
        }

        return runs;
    }

    public async ValueTask DisposeAsync()
    {
        // Disposed by the backend and again by the container.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _stopAnnouncing.CancelAsync().ConfigureAwait(false);
            await _announcer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _stopAnnouncing.Dispose();
        }
    }

    private async Task UpsertQueueAsync(QueueOptions queue, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {_schema}.queues (name, concurrency_limit, total_limit) VALUES (@name, @limit, @total)
            ON CONFLICT (name) DO UPDATE SET concurrency_limit = excluded.concurrency_limit, total_limit = excluded.total_limit
            """);
        command.Parameters.AddWithValue("name", queue.Name);
        command.Parameters.AddWithValue("limit", queue.ConcurrencyLimit);
        command.Parameters.AddWithValue("total", queue.TotalConcurrencyLimit);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _registered[queue.Name] = 0;
    }

    private async Task NotifyAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT pg_notify(@channel, 'w')");
        command.Parameters.AddWithValue("channel", _notifications.Channel);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
