using System.Diagnostics;
using System.Globalization;

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>
/// A profiling loop over the SchemaTasks rows of <see cref="PeerThroughputBenchmarks"/> and
/// <see cref="SyncTaskerBenchmarks"/>, not a BenchmarkDotNet run: <c>--runtime-loop &lt;mode&gt; [seconds]</c>. It repeats
/// one row for a fixed time in this process (for <c>perf record</c>, <c>dotnet-trace</c> or <c>dotnet-counters</c> to
/// attach) and prints what BenchmarkDotNet does not:
/// <list type="bullet">
/// <item>the process's CPU time per run, across every thread;</item>
/// <item>the collector's pause per run;</item>
/// <item>collections per 10,000 runs, by generation.</item>
/// </list>
/// Modes:
/// <list type="bullet">
/// <item><c>end-to-end</c>: 10,000 runs triggered, then waited for, per iteration;</item>
/// <item><c>trigger-proper</c>: the same with the queue held, then released outside the timing, with the wall and
/// CPU time of the release and drain (the attempts alone) printed apart;</item>
/// <item><c>trigger-alone</c>: the triggers timed while the runs execute, drained outside the timing;</item>
/// <item><c>sync</c>: the generated sync tasker, 1,000 calls per iteration;</item>
/// <item><c>direct</c>: the direct call it is measured against.</item>
/// </list>
/// Each mode first runs for a quarter of its time untimed, so that the JIT's tiering is over.
/// </summary>
internal static class RuntimeLoop
{
    /// <summary>The option that runs the loop.</summary>
    public const string Option = "--runtime-loop";

    private static readonly string[] Modes = ["end-to-end", "trigger-proper", "trigger-alone", "sync", "direct"];

    /// <summary>Runs the loop when <paramref name="args"/> ask for it; false otherwise.</summary>
    public static async Task<bool> TryRunAsync(string[] args, TextWriter output)
    {
        if (args is not [Option, var mode, ..] || args.Length > 3)
        {
            return false;
        }

        if (!Modes.Contains(mode))
        {
            throw new ArgumentException($"Unknown mode '{mode}': one of {string.Join(", ", Modes)}.", nameof(args));
        }

        var seconds = args.Length == 3 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        if (mode is "sync" or "direct")
        {
            await RunSyncAsync(mode, seconds, output);
        }
        else
        {
            await RunPeerAsync(mode, seconds, output);
        }

        return true;
    }

    private static async Task RunPeerAsync(string mode, double seconds, TextWriter output)
    {
        var benchmarks = new PeerThroughputBenchmarks();
        await benchmarks.SetupSchemaTasksAsync();

        // The trigger proper's release and drain (the attempts alone), measured apart in the timed part only.
        Measure? drain = null;
        try
        {
            await RunForAsync(seconds / 4, Iteration);
            drain = mode == "trigger-proper" ? new Measure() : null;
            var timed = await RunForAsync(seconds, Iteration);
            output.WriteLine(timed.Describe(mode, PeerThroughputBenchmarks.Runs));
            if (drain is not null)
            {
                output.WriteLine(drain.Describe("release and drain (the attempts alone)", PeerThroughputBenchmarks.Runs));
            }
        }
        finally
        {
            await benchmarks.CleanupSchemaTasksAsync();
        }

        // One iteration: the row's setup outside the timing, the timed row, its cleanup outside the timing.
        async Task Iteration(Measure measure)
        {
            if (mode == "trigger-proper")
            {
                benchmarks.HoldQueue();
            }

            measure.Start();
            await (mode switch
            {
                "end-to-end" => benchmarks.SchemaTasksEndToEnd(),
                "trigger-proper" => benchmarks.SchemaTasksTriggerProper(),
                _ => benchmarks.SchemaTasksTriggerOnly(),
            });
            measure.Stop();

            if (mode == "trigger-proper")
            {
                drain?.Start();
                benchmarks.ReleaseQueue();
                drain?.Stop();
            }
            else if (mode == "trigger-alone")
            {
                benchmarks.DrainTriggeredRuns();
            }
        }
    }

    private static async Task RunSyncAsync(string mode, double seconds, TextWriter output)
    {
        var benchmarks = new SyncTaskerBenchmarks();
        await benchmarks.SetupAsync();
        try
        {
            await RunForAsync(seconds / 4, Iteration);
            var timed = await RunForAsync(seconds, Iteration);
            output.WriteLine(timed.Describe(mode, SyncTaskerBenchmarks.Runs));
        }
        finally
        {
            await benchmarks.CleanupAsync();
        }

        async Task Iteration(Measure measure)
        {
            measure.Start();
            await (mode == "sync" ? benchmarks.SyncTasker() : benchmarks.DirectCall());
            measure.Stop();
        }
    }

    private static async Task<Measure> RunForAsync(double seconds, Func<Measure, Task> iteration)
    {
        var measure = new Measure();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await iteration(measure);
        }

        return measure;
    }

    /// <summary>Sums over the timed parts of the iterations: wall time, process CPU, collector pause, bytes, collections.</summary>
    private sealed class Measure
    {
        private readonly int[] _collections = new int[3];
        private readonly int[] _collectionsAtStart = new int[3];
        private long _wallTicks;
        private long _startTicks;
        private TimeSpan _cpu;
        private TimeSpan _cpuAtStart;
        private TimeSpan _pause;
        private TimeSpan _pauseAtStart;
        private long _bytes;
        private long _bytesAtStart;
        private int _iterations;

        public void Start()
        {
            for (var generation = 0; generation < 3; generation++)
            {
                _collectionsAtStart[generation] = GC.CollectionCount(generation);
            }

            _bytesAtStart = GC.GetTotalAllocatedBytes(precise: true);
            _pauseAtStart = GC.GetTotalPauseDuration();
            _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            _startTicks = Stopwatch.GetTimestamp();
        }

        public void Stop()
        {
            _wallTicks += Stopwatch.GetTimestamp() - _startTicks;
            _cpu += Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;
            _pause += GC.GetTotalPauseDuration() - _pauseAtStart;
            _bytes += GC.GetTotalAllocatedBytes(precise: true) - _bytesAtStart;
            for (var generation = 0; generation < 3; generation++)
            {
                _collections[generation] += GC.CollectionCount(generation) - _collectionsAtStart[generation];
            }

            _iterations++;
        }

        public string Describe(string what, int runsPerIteration)
        {
            double runs = (double)_iterations * runsPerIteration;
            var wall = Stopwatch.GetElapsedTime(0, _wallTicks);
            // A collection of generation N is counted in the counts of every generation below it too.
            var gen2 = _collections[2];
            var gen1 = _collections[1] - gen2;
            var gen0 = _collections[0] - _collections[1];
            return string.Create(CultureInfo.InvariantCulture,
                $"{what}: {_iterations} iterations; {wall.TotalMicroseconds / runs:F2} µs per run (collector pause {_pause.TotalMicroseconds / runs:F2} µs of it); "
                + $"process CPU {_cpu.TotalMicroseconds / runs:F2} µs per run; {_bytes / runs:F0} B per run (all threads); "
                + $"per 10,000 runs: {gen0 * 10_000 / runs:F1} gen0, {gen1 * 10_000 / runs:F1} gen1, {gen2 * 10_000 / runs:F1} gen2 collections");
        }
    }
}
