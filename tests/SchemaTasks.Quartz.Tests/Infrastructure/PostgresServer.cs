using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SchemaTasks.Quartz.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run: initdb into a temp folder, started with pg_ctl on a free loopback
/// port from the binaries <c>pg_config --bindir</c> names (as the <c>postgres</c> user when the tests run as root,
/// since PostgreSQL refuses root), stopped and deleted at the end. A watchdog shell stops it too if the test process
/// dies without disposing it. Each test gets its own schema (<see cref="NewSchema"/>), so tests never see each
/// other's runs. No xunit type here: the benchmarks (tests/SchemaTasks.Benchmarks) link this file too; the test
/// project makes it its assembly fixture in <c>PostgresServerFixture.cs</c>.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private static int s_schemas;
    private string _folder = "";
    private string _binDir = "";
    private Process? _watchdog;

    public string ConnectionString { get; private set; } = "";

    public int Port { get; private set; }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A fresh schema name, unique in this test run.</summary>
    public static string NewSchema(string prefix = "t") => $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref s_schemas)}";

    public async ValueTask InitializeAsync()
    {
        _binDir = (await RunAsync("pg_config", "--bindir")).Trim();
        _folder = Path.Combine(Path.GetTempPath(), $"schematasks-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        var data = Path.Combine(_folder, "data");
        if (IsRoot)
        {
            await RunAsync("chown", $"postgres {_folder}");
        }

        Port = FreePort();
        await RunAsPostgresAsync("initdb", $"-D {data} -U postgres --auth=trust -E UTF8 --no-sync --no-instructions");
        await RunAsPostgresAsync("pg_ctl",
            $"-D {data} -l {Path.Combine(_folder, "log")} -w -t 60 -o \"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400\" start");
        StartWatchdog(data);
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            Pooling = true,
            MaxPoolSize = 20,
        }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync("pg_ctl", $"-D {Path.Combine(_folder, "data")} -m immediate -w stop");
        }
        finally
        {
            if (_watchdog is { HasExited: false })
            {
                _watchdog.Kill(entireProcessTree: true);
            }

            _watchdog?.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>
    /// Restarts the server (a lost connection for every client), keeping its data: a fast stop, because this throwaway
    /// server runs with synchronous_commit off and an immediate stop could drop the last commits.
    /// </summary>
    public async Task RestartAsync()
    {
        await RunAsPostgresAsync("pg_ctl", $"-D {Path.Combine(_folder, "data")} -m fast -w stop");
        await RunAsPostgresAsync("pg_ctl",
            $"-D {Path.Combine(_folder, "data")} -l {Path.Combine(_folder, "log")} -w -t 60 -o \"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400\" start");
    }

    private void StartWatchdog(string data)
    {
        var stop = IsRoot
            ? $"runuser -u postgres -- {Path.Combine(_binDir, "pg_ctl")} -D {data} -m immediate stop"
            : $"{Path.Combine(_binDir, "pg_ctl")} -D {data} -m immediate stop";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; {stop} >/dev/null 2>&1; rm -rf {_folder}";
        var start = new ProcessStartInfo("setsid", ["bash", "-c", script]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        _watchdog = Process.Start(start);
    }

    private Task<string> RunAsPostgresAsync(string tool, string arguments) =>
        IsRoot
            ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_binDir, tool)} {arguments}")
            : RunAsync(Path.Combine(_binDir, tool), arguments);

    private static async Task<string> RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output}{await error}");
        }

        return await output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
