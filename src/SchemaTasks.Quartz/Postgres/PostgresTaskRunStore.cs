using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using SchemaTasks.Backends;

namespace SchemaTasks.Quartz.Postgres;

/// <summary>
/// The <see cref="ITaskRunStore"/> on PostgreSQL: one row per run (payload as the JSON text the trigger wrote, with
/// the task id; no .NET type name anywhere), one row per idempotency key with its TTL, which outlives whatever
/// happens to the run. <see cref="CreateAsync"/> claims the key and inserts the run in one transaction;
/// <see cref="TransitionAsync"/> is one <c>UPDATE ... WHERE status = ANY(...)</c> that also notifies the cluster
/// when the run ends. <see cref="WaitForCompletionAsync"/> is released by a local transition, by the cluster's
/// notification, or by a bounded poll (one read a second) that covers a notification lost to a reconnect.
/// Times come from the <see cref="TimeProvider"/>, as in every store.
/// </summary>
internal sealed class PostgresTaskRunStore : ITaskRunStore
{
    private const int MaxPageSize = 1000;
    private const string Columns =
        "run_id, task_id, status, attempts, machine, error, mode, queue, concurrency_key, idempotency_key, tags, created_at, updated_at, "
        + "started_at, completed_at, delay_until, expires_at, payload, max_attempts, key_expires_at, key_released, trace_parent, "
        + "max_duration_ms, last_attempt_ms";

    private static readonly TimeSpan WaitPoll = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly TimeProvider _time;
    private readonly PostgresNotifications _notifications;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TaskRunInfo>> _waiters = new(StringComparer.Ordinal);

    public PostgresTaskRunStore(NpgsqlDataSource dataSource, string schema, TimeProvider time, PostgresNotifications notifications)
    {
        _dataSource = dataSource;
        _schema = schema;
        _time = time;
        _notifications = notifications;
        _notifications.Notified += OnNotified;
    }

    public async ValueTask<TaskRunCreation> CreateAsync(TaskRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var attempt = 0;
        return await Transient.RetryAsync(async token =>
        {
            try
            {
                return await CreateCoreAsync(run, token).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (attempt > 0)
            {
                // The earlier try committed before its connection broke: the run is stored, by this very call.
                var stored = await FindCoreAsync(run.Info.RunId, token).ConfigureAwait(false);
                return stored is not null && stored.Info.TaskId == run.Info.TaskId && (stored.Info.CreatedAt - run.Info.CreatedAt).Duration() < TimeSpan.FromMilliseconds(1)
                    ? new TaskRunCreation(stored.Info, Created: true)
                    : throw new InvalidOperationException($"A run with id '{run.Info.RunId}' is already stored.");
            }
            finally
            {
                attempt++;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TaskRunCreation> CreateCoreAsync(TaskRunRecord run, CancellationToken cancellationToken)
    {
        var info = run.Info;
        var now = _time.GetUtcNow();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var claimsKey = info.IdempotencyKey is not null && run.IdempotencyKeyExpiresAt is not null;
        // Without a key the insert is the one statement: no transaction around it.
        await using var transaction = claimsKey ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        if (info.IdempotencyKey is { } key && run.IdempotencyKeyExpiresAt is { } keyExpiresAt)
        {
            // The upsert locks the key's row: two triggers with one key serialize here, and the second sees the first's run.
            await using var claim = new NpgsqlCommand($"""
                INSERT INTO {_schema}.idempotency_keys AS k (task_id, key, run_id, expires_at) VALUES (@task, @key, @run, @expires)
                ON CONFLICT (task_id, key) DO UPDATE SET run_id = excluded.run_id, expires_at = excluded.expires_at
                WHERE k.expires_at <= @now OR NOT EXISTS (
                    SELECT 1 FROM {_schema}.runs r
                    WHERE r.run_id = k.run_id AND NOT r.key_released AND r.key_expires_at > @now
                      AND r.status NOT IN ('Failed', 'Expired', 'TimedOut'))
                RETURNING k.run_id
                """, connection, transaction);
            claim.Parameters.AddWithValue("task", info.TaskId);
            claim.Parameters.AddWithValue("key", key);
            claim.Parameters.AddWithValue("run", info.RunId);
            claim.Parameters.AddWithValue("expires", keyExpiresAt.ToUniversalTime());
            claim.Parameters.AddWithValue("now", now.ToUniversalTime());
            if (await claim.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                await using var holder = new NpgsqlCommand($"""
                    SELECT {Columns} FROM {_schema}.runs WHERE run_id = (SELECT run_id FROM {_schema}.idempotency_keys WHERE task_id = @task AND key = @key)
                    """, connection, transaction);
                holder.Parameters.AddWithValue("task", info.TaskId);
                holder.Parameters.AddWithValue("key", key);
                var held = await ReadOneAsync(holder, cancellationToken).ConfigureAwait(false);
                await transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new TaskRunCreation(held!.Info, Created: false);
            }
        }

        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO {_schema}.runs ({Columns}) VALUES
            (@run_id, @task_id, @status, @attempts, @machine, @error, @mode, @queue, @concurrency_key, @idempotency_key, @tags, @created_at, @updated_at,
             @started_at, @completed_at, @delay_until, @expires_at, @payload, @max_attempts, @key_expires_at, @key_released, @trace_parent,
             @max_duration_ms, @last_attempt_ms)
            """, connection, transaction))
        {
            var p = insert.Parameters;
            p.AddWithValue("run_id", info.RunId);
            p.AddWithValue("task_id", info.TaskId);
            p.AddWithValue("status", info.Status.ToString());
            p.AddWithValue("attempts", info.Attempts);
            p.AddWithValue("machine", info.Machine.ToString());
            Text(p, "error", info.Error);
            p.AddWithValue("mode", info.Mode.ToString());
            Text(p, "queue", info.Queue);
            Text(p, "concurrency_key", info.ConcurrencyKey);
            Text(p, "idempotency_key", info.IdempotencyKey);
            p.AddWithValue("tags", info.Tags.ToArray());
            p.AddWithValue("created_at", info.CreatedAt.ToUniversalTime());
            p.AddWithValue("updated_at", info.UpdatedAt.ToUniversalTime());
            Time(p, "started_at", info.StartedAt);
            Time(p, "completed_at", info.CompletedAt);
            Time(p, "delay_until", info.DelayUntil);
            Time(p, "expires_at", info.ExpiresAt);
            p.AddWithValue("payload", run.PayloadJson);
            p.Add(new NpgsqlParameter("max_attempts", NpgsqlDbType.Integer) { Value = (object?)run.MaxAttemptsOverride ?? DBNull.Value });
            Time(p, "key_expires_at", run.IdempotencyKeyExpiresAt);
            p.AddWithValue("key_released", run.IdempotencyKeyReleased);
            Text(p, "trace_parent", run.TraceParent);
            Milliseconds(p, "max_duration_ms", info.MaxDuration);
            Milliseconds(p, "last_attempt_ms", info.LastAttemptDuration);
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new InvalidOperationException($"A run with id '{info.RunId}' is already stored.", ex);
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new TaskRunCreation(info, Created: true);
    }

    public async ValueTask<TaskRunRecord?> FindAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return await Transient.RetryAsync(token => FindCoreAsync(runId, token), cancellationToken).ConfigureAwait(false);
    }

    private async Task<TaskRunRecord?> FindCoreAsync(string runId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM {_schema}.runs WHERE run_id = @id");
        command.Parameters.AddWithValue("id", runId);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<TaskRunInfo?> TransitionAsync(TaskRunTransition transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return await Transient.RetryAsync(token => TransitionCoreAsync(transition, token), cancellationToken).ConfigureAwait(false);
    }

    private async Task<TaskRunInfo?> TransitionCoreAsync(TaskRunTransition transition, CancellationToken cancellationToken)
    {
        var final = transition.To.IsFinal();
        // One statement: the compare-and-set, and the cluster-wide notification when the run ends (sent at commit).
        await using var command = _dataSource.CreateCommand($"""
            WITH changed AS (
                UPDATE {_schema}.runs SET
                    status = @to,
                    attempts = COALESCE(@attempts, attempts),
                    machine = COALESCE(@machine, machine),
                    error = COALESCE(@error, error),
                    started_at = COALESCE(started_at, @started_at),
                    delay_until = @delay_until,
                    expires_at = COALESCE(@expires_at, expires_at),
                    last_attempt_ms = COALESCE(@last_attempt_ms, last_attempt_ms),
                    updated_at = @at,
                    completed_at = CASE WHEN @final THEN @at ELSE completed_at END,
                    key_released = key_released OR @release
                WHERE run_id = @id AND status = ANY(@from) AND (@from_attempts IS NULL OR attempts = @from_attempts)
                RETURNING {Columns})
            SELECT {Columns}, CASE WHEN @final THEN pg_notify(@channel, 'c:' || run_id) END FROM changed
            """);
        var p = command.Parameters;
        p.AddWithValue("id", transition.RunId);
        p.AddWithValue("from", transition.From.Select(status => status.ToString()).ToArray());
        p.Add(new NpgsqlParameter("from_attempts", NpgsqlDbType.Integer) { Value = (object?)transition.FromAttempts ?? DBNull.Value });
        p.AddWithValue("to", transition.To.ToString());
        p.AddWithValue("at", transition.At.ToUniversalTime());
        p.Add(new NpgsqlParameter("attempts", NpgsqlDbType.Integer) { Value = (object?)transition.Attempts ?? DBNull.Value });
        Text(p, "machine", transition.Machine?.ToString());
        Text(p, "error", transition.Error);
        Time(p, "started_at", transition.StartedAt);
        Time(p, "delay_until", transition.DelayUntil);
        Time(p, "expires_at", transition.ExpiresAt);
        Milliseconds(p, "last_attempt_ms", transition.LastAttemptDuration);
        p.AddWithValue("final", final);
        p.AddWithValue("release", transition.ReleaseIdempotencyKey);
        p.AddWithValue("channel", _notifications.Channel);
        var updated = (await ReadOneAsync(command, cancellationToken).ConfigureAwait(false))?.Info;
        if (updated is not null && final && _waiters.TryRemove(updated.RunId, out var waiter))
        {
            waiter.TrySetResult(updated);
        }

        return updated;
    }

    public async Task<TaskRunInfo?> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        (await FindAsync(runId, cancellationToken).ConfigureAwait(false))?.Info;

    public async Task<TaskRunInfo> WaitForCompletionAsync(string runId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The deadline starts now, on the store's clock, before the first read goes to the database.
        var deadline = Task.Delay(timeout, _time, waiting.Token);
        _notifications.EnsureStarted();
        var waiter = _waiters.GetOrAdd(runId, static _ => new TaskCompletionSource<TaskRunInfo>(TaskCreationOptions.RunContinuationsAsynchronously));
        var poll = Task.CompletedTask;
        try
        {
            var current = await GetAsync(runId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"No run with id '{runId}' is known.");
            if (current.Status.IsFinal())
            {
                return current;
            }

            poll = PollAsync(runId, waiter, waiting.Token);
            var first = await Task.WhenAny(waiter.Task, deadline).ConfigureAwait(false);
            if (first == waiter.Task)
            {
                return await waiter.Task.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            // A waiter of the same run that is still waiting keeps its own poll: the entry is not needed any more.
            _waiters.TryRemove(new KeyValuePair<string, TaskCompletionSource<TaskRunInfo>>(runId, waiter));
            throw new TimeoutException($"Run '{runId}' did not reach a final status within {timeout}.");
        }
        finally
        {
            await waiting.CancelAsync().ConfigureAwait(false);
            await poll.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await deadline.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async Task<IReadOnlyList<TaskRunInfo>> ListAsync(TaskRunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Take, MaxPageSize);
        return await Transient.RetryAsync(token => ListCoreAsync(query, token), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<TaskRunInfo>> ListCoreAsync(TaskRunQuery query, CancellationToken cancellationToken)
    {
        long? cursor = null;
        if (query.After is { } after)
        {
            await using var find = _dataSource.CreateCommand($"SELECT seq FROM {_schema}.runs WHERE run_id = @id");
            find.Parameters.AddWithValue("id", after);
            cursor = await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?
                ?? throw new ArgumentException($"The cursor run '{after}' is not known to the run store.", nameof(query));
        }

        // Newest first by creation order (seq); the cursor pages below the given run, so new runs never shift a page.
        await using var command = _dataSource.CreateCommand($"""
            SELECT {Columns} FROM {_schema}.runs
            WHERE (@task IS NULL OR task_id = @task) AND (@status IS NULL OR status = @status) AND (@tag IS NULL OR tags @> ARRAY[@tag])
              AND (@statuses IS NULL OR status = ANY(@statuses)) AND (@queue IS NULL OR queue = @queue)
              AND (@from IS NULL OR created_at >= @from) AND (@to IS NULL OR created_at < @to) AND (@cursor IS NULL OR seq < @cursor)
            ORDER BY seq DESC OFFSET @skip LIMIT @take
            """);
        Text(command.Parameters, "task", query.TaskId);
        Text(command.Parameters, "status", query.Status?.ToString());
        Text(command.Parameters, "tag", query.Tag);
        command.Parameters.Add(new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = query.Statuses is { Count: > 0 } statuses ? statuses.Select(status => status.ToString()).ToArray() : DBNull.Value,
        });
        Text(command.Parameters, "queue", query.Queue);
        Time(command.Parameters, "from", query.From);
        Time(command.Parameters, "to", query.To);
        command.Parameters.Add(new NpgsqlParameter("cursor", NpgsqlDbType.Bigint) { Value = (object?)cursor ?? DBNull.Value });
        command.Parameters.AddWithValue("skip", query.Skip);
        command.Parameters.AddWithValue("take", query.Take);
        var runs = new List<TaskRunInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(Read(reader).Info);
        }

        return runs;
    }

    private void OnNotified(string message)
    {
        if (message.StartsWith("c:", StringComparison.Ordinal) && _waiters.TryGetValue(message[2..], out var waiter))
        {
            _ = CompleteFromStoreAsync(message[2..], waiter);
        }
    }

    private async Task CompleteFromStoreAsync(string runId, TaskCompletionSource<TaskRunInfo> waiter)
    {
        try
        {
            if (await GetAsync(runId).ConfigureAwait(false) is { } run && run.Status.IsFinal())
            {
                _waiters.TryRemove(runId, out _);
                waiter.TrySetResult(run);
            }
        }
#pragma warning disable CA1031 // The bounded poll reads it again.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // Cross-process observation when the notification is lost (a reconnecting listener): a bounded poll, one read per second.
    private async Task PollAsync(string runId, TaskCompletionSource<TaskRunInfo> waiter, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(WaitPoll);
        while (!waiter.Task.IsCompleted && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await CompleteFromStoreAsync(runId, waiter).ConfigureAwait(false);
        }
    }

    private static async Task<TaskRunRecord?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static TaskRunRecord Read(NpgsqlDataReader r)
    {
        var info = new TaskRunInfo
        {
            RunId = r.GetString(0),
            TaskId = r.GetString(1),
            Status = Enum.Parse<TaskRunStatus>(r.GetString(2)),
            Attempts = r.GetInt32(3),
            Machine = Enum.Parse<Machine>(r.GetString(4)),
            Error = r.IsDBNull(5) ? null : r.GetString(5),
            Mode = Enum.Parse<TaskRunMode>(r.GetString(6)),
            Queue = r.IsDBNull(7) ? null : r.GetString(7),
            ConcurrencyKey = r.IsDBNull(8) ? null : r.GetString(8),
            IdempotencyKey = r.IsDBNull(9) ? null : r.GetString(9),
            Tags = r.GetFieldValue<string[]>(10),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(11),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(12),
            StartedAt = Time(r, 13),
            CompletedAt = Time(r, 14),
            DelayUntil = Time(r, 15),
            ExpiresAt = Time(r, 16),
            MaxDuration = r.IsDBNull(22) ? null : TimeSpan.FromMilliseconds(r.GetInt64(22)),
            LastAttemptDuration = r.IsDBNull(23) ? null : TimeSpan.FromMilliseconds(r.GetInt64(23)),
        };
        return new TaskRunRecord
        {
            Info = info,
            PayloadJson = r.GetString(17),
            MaxAttemptsOverride = r.IsDBNull(18) ? null : r.GetInt32(18),
            IdempotencyKeyExpiresAt = Time(r, 19),
            IdempotencyKeyReleased = r.GetBoolean(20),
            TraceParent = r.IsDBNull(21) ? null : r.GetString(21),
        };
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static void Text(NpgsqlParameterCollection parameters, string name, string? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    private static void Milliseconds(NpgsqlParameterCollection parameters, string name, TimeSpan? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = value is { } v ? (long)v.TotalMilliseconds : DBNull.Value });

    private static void Time(NpgsqlParameterCollection parameters, string name, DateTimeOffset? value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.ToUniversalTime() : DBNull.Value });
}
