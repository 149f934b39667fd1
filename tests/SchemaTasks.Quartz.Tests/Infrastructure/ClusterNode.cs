using System.Diagnostics;
using System.Globalization;

namespace SchemaTasks.Quartz.Tests.Infrastructure;

/// <summary>
/// One node of a real cluster: the TestNode program in a process of its own. <see cref="StartAsync"/> returns once
/// the node printed READY (its host started), never after a fixed sleep.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ClusterNode(Process process, string nodeId)
    {
        _process = process;
        NodeId = nodeId;
    }

    public string NodeId { get; }

    public int ProcessId => _process.Id;

    /// <summary>What the node printed (warnings and errors), for a failing test's message.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<ClusterNode> StartAsync(
        string connectionString, string schema, string nodeId, string machines = "", TimeSpan? clockOffset = null, double leaseSeconds = 3, double shutdownSeconds = 5)
    {
        var start = new ProcessStartInfo("dotnet", [NodeAssembly()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NODE_CONNECTION"] = connectionString;
        start.Environment["NODE_SCHEMA"] = schema;
        start.Environment["NODE_ID"] = nodeId;
        start.Environment["NODE_MACHINES"] = machines;
        start.Environment["NODE_LEASE_SECONDS"] = leaseSeconds.ToString(CultureInfo.InvariantCulture);
        start.Environment["NODE_CLOCK_OFFSET_MS"] = ((long)(clockOffset ?? TimeSpan.Zero).TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        start.Environment["NODE_SHUTDOWN_SECONDS"] = shutdownSeconds.ToString(CultureInfo.InvariantCulture);
        start.Environment["ENABLE_ASYNC_TASKER"] = "true";
        var node = new ClusterNode(Process.Start(start)!, nodeId);
        node._process.OutputDataReceived += (_, line) => node.OnLine(line.Data);
        node._process.ErrorDataReceived += (_, line) => node.OnLine(line.Data);
        node._process.EnableRaisingEvents = true;
        node._process.Exited += (_, _) =>
        {
            node._stopped.TrySetResult();
            node._ready.TrySetException(new InvalidOperationException($"Node {nodeId} exited before it was ready:\n{node.Output}"));
        };
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        // Generous: on a loaded CI machine a cold .NET process with Quartz and Npgsql can take a while to start.
        await node._ready.Task.WaitAsync(TimeSpan.FromMinutes(3));
        return node;
    }

    /// <summary>SIGKILL: the node dies mid-run, with no chance to hand anything back.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: the host stops gracefully; returns when the process has exited.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        await _stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line == "READY")
        {
            _ready.TrySetResult();
        }
        else
        {
            _output.Enqueue(line);
        }
    }

    private static string NodeAssembly()
    {
        // tests/SchemaTasks.Quartz.Tests/bin/<Configuration>/net10.0 → tests/SchemaTasks.Quartz.TestNode/bin/<Configuration>/net10.0
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(here);
        var configuration = Path.GetFileName(Path.GetDirectoryName(here)!);
        var tests = Path.GetFullPath(Path.Combine(here, "..", "..", "..", ".."));
        var path = Path.Combine(tests, "SchemaTasks.Quartz.TestNode", "bin", configuration, framework, "SchemaTasks.Quartz.TestNode.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The test node was not built at {path}.");
    }
}
