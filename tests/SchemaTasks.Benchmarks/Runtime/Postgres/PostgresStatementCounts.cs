using System.Globalization;
using Npgsql;

namespace SchemaTasks.Benchmarks.Runtime.Postgres;

/// <summary>
/// The profile behind <see cref="PostgresThroughputBenchmarks"/>'s ratio: the SQL each side sends per run. Runs one
/// warm-up invocation and one counted invocation of each benchmark (same setup, on a server that loads
/// <c>pg_stat_statements</c>), then prints, per normalized statement, its calls per run, and the database's commits
/// per run. Not a timing: <c>dotnet run -c Release --project tests/SchemaTasks.Benchmarks -- --postgres-statements</c>.
/// </summary>
internal static class PostgresStatementCounts
{
    /// <summary>Time for the attempts that finish after their body (the last transitions, releases, deletes) to reach the server.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(TextWriter output)
    {
        var schemaTasks = new PostgresThroughputBenchmarks { StatementStatistics = true };
        await schemaTasks.SetupSchemaTasksAsync();
        try
        {
            await CountAsync(output, "SchemaTasks on Quartz + PostgreSQL", schemaTasks, schemaTasks.SchemaTasksOnQuartzPostgres);
        }
        finally
        {
            await schemaTasks.CleanupSchemaTasksAsync();
        }

        var quartz = new PostgresThroughputBenchmarks { StatementStatistics = true };
        await quartz.SetupQuartzAsync();
        try
        {
            await CountAsync(output, "Quartz 4.7.3 clustered ADO store", quartz, quartz.QuartzClusteredAdoStore);
        }
        finally
        {
            await quartz.CleanupQuartzAsync();
        }
    }

    private static async Task CountAsync(TextWriter output, string title, PostgresThroughputBenchmarks benchmark, Func<Task> invocation)
    {
        await invocation();
        await Task.Delay(Settle);
        await using var connection = new NpgsqlConnection(benchmark.ConnectionString);
        await connection.OpenAsync();
        await ScalarAsync(connection, "SELECT pg_stat_statements_reset()");
        await ScalarAsync(connection, "SELECT pg_stat_reset()");
        await invocation();
        await Task.Delay(Settle);
        // Other backends flush their counters when idle, at most once a second.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var commits = Convert.ToInt64(
            await ScalarAsync(connection, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"), CultureInfo.InvariantCulture);
        output.WriteLine($"## {title}: {PostgresThroughputBenchmarks.Runs:N0} runs");
        output.WriteLine();
        output.WriteLine("| calls per run | statement |");
        output.WriteLine("|---:|---|");
        double total = 0;
        await using (var statements = new NpgsqlCommand(
            "SELECT calls, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%' ORDER BY calls DESC", connection))
        await using (var reader = await statements.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var perRun = reader.GetInt64(0) / (double)PostgresThroughputBenchmarks.Runs;
                total += perRun;
                var text = reader.GetString(1);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {perRun:0.###} | `{(text.Length > 160 ? text[..160] + "…" : text)}` |"));
            }
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Statements per run: {total:0.##}; commits per run (pg_stat_database, this connection's included): {commits / (double)PostgresThroughputBenchmarks.Runs:0.##}"));
        output.WriteLine();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
