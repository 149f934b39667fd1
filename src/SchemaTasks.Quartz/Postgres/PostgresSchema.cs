using Npgsql;

namespace SchemaTasks.Quartz.Postgres;

/// <summary>
/// Creates and upgrades this backend's own tables in the configured schema, one numbered step at a time, under a
/// transaction-scoped advisory lock so that nodes starting together apply each step once. The version reached is
/// kept in <c>schema_version</c>. Quartz's tables are created by Quartz itself (<c>ProvisionSchema</c>) in the same
/// schema. New columns (run control: cancel reasons, max duration) are a new step appended here, never an edit of
/// an applied one.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The component name in <c>schema_version</c>.</summary>
    private const string Component = "schematasks";

    // Each entry upgrades from version (index) to version (index + 1). Status and machine are stored by name so that
    // the tables read well in psql and survive a reordering of the enums; nothing names a .NET type.
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE runs (
            seq               bigserial NOT NULL UNIQUE,
            run_id            text PRIMARY KEY,
            task_id           text NOT NULL,
            status            text NOT NULL,
            attempts          integer NOT NULL DEFAULT 0,
            machine           text NOT NULL,
            error             text,
            mode              text NOT NULL,
            queue             text,
            concurrency_key   text,
            idempotency_key   text,
            tags              text[] NOT NULL DEFAULT '{}',
            created_at        timestamptz NOT NULL,
            updated_at        timestamptz NOT NULL,
            started_at        timestamptz,
            completed_at      timestamptz,
            delay_until       timestamptz,
            expires_at        timestamptz,
            payload           text NOT NULL,
            max_attempts      integer,
            key_expires_at    timestamptz,
            key_released      boolean NOT NULL DEFAULT false,
            trace_parent      text
        );
        CREATE INDEX runs_waiting ON runs (seq) WHERE status IN ('Queued', 'Delayed');
        CREATE INDEX runs_task ON runs (task_id, seq);
        CREATE INDEX runs_tags ON runs USING gin (tags);
        CREATE INDEX runs_status ON runs (status, seq);
        CREATE TABLE idempotency_keys (
            task_id     text NOT NULL,
            key         text NOT NULL,
            run_id      text NOT NULL,
            expires_at  timestamptz NOT NULL,
            PRIMARY KEY (task_id, key)
        );
        CREATE TABLE queues (
            name              text PRIMARY KEY,
            concurrency_limit integer NOT NULL,
            total_limit       integer NOT NULL
        );
        CREATE TABLE leases (
            run_id          text PRIMARY KEY,
            queue           text NOT NULL,
            concurrency_key text,
            node_id         text NOT NULL,
            expires_at      timestamptz NOT NULL
        );
        CREATE INDEX leases_queue ON leases (queue, concurrency_key);
        CREATE INDEX leases_node ON leases (node_id);
        CREATE TABLE nodes (
            node_id   text PRIMARY KEY,
            machines  text[] NOT NULL,
            seen_at   timestamptz NOT NULL
        );
        """,
        // 2: run control (max duration, the last attempt's duration) and listing by queue and creation time.
        """
        ALTER TABLE runs ADD COLUMN max_duration_ms bigint;
        ALTER TABLE runs ADD COLUMN last_attempt_ms bigint;
        CREATE INDEX runs_queue ON runs (queue, seq);
        CREATE INDEX runs_created ON runs (created_at, seq);
        """,
    ];

    /// <summary>The version this build writes.</summary>
    public static int CurrentVersion => Steps.Length;

    /// <summary>Creates the schema if needed and applies the steps not yet applied.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock(hashtext('schematasks.schema:' || '{schema}'))", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.schema_version (component text PRIMARY KEY, version integer NOT NULL);
            """, cancellationToken).ConfigureAwait(false);
        int version;
        await using (var read = new NpgsqlCommand($"SELECT version FROM {schema}.schema_version WHERE component = @c", connection, transaction))
        {
            read.Parameters.AddWithValue("c", Component);
            version = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int v ? v : 0;
        }

        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The SchemaTasks tables in schema '{schema}' are at version {version}, newer than this build's {CurrentVersion}: upgrade SchemaTasks.Quartz on this node.");
        }

        for (var step = version; step < CurrentVersion; step++)
        {
            await ExecuteAsync(connection, transaction, $"SET LOCAL search_path TO {schema}; {Steps[step]}", cancellationToken).ConfigureAwait(false);
        }

        if (version < CurrentVersion)
        {
            await using var write = new NpgsqlCommand(
                $"INSERT INTO {schema}.schema_version (component, version) VALUES (@c, @v) ON CONFLICT (component) DO UPDATE SET version = excluded.version",
                connection, transaction);
            write.Parameters.AddWithValue("c", Component);
            write.Parameters.AddWithValue("v", CurrentVersion);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks that the tables exist at this build's version (when <c>CreateSchema</c> is off).</summary>
    public static async Task ValidateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var read = new NpgsqlCommand(
            $"SELECT version FROM {schema}.schema_version WHERE component = @c", connection);
        read.Parameters.AddWithValue("c", Component);
        object? version;
        try
        {
            version = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            version = null;
        }

        if (version is not int v || v != CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The SchemaTasks tables in schema '{schema}' are at version {version ?? "none"}, this build needs {CurrentVersion}; set CreateSchema = true on one node, or apply them.");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
