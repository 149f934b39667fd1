using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using SchemaTasks.Generators;

namespace SchemaTasks.Benchmarks.Build;

/// <summary>
/// The generator against LoggerMessage in CPU time, not a BenchmarkDotNet run: <c>--generator-cpu</c>. Warm
/// BenchmarkDotNet runs of <see cref="GeneratorPeerBenchmarks"/> do not rank the two generators on a shared machine
/// (LoggerMessage's own mean moved up to 5× between runs of one case), so this measures each case the way the
/// benchmark runs it (the same synthetic projects, drivers and edit) by the calling thread's CPU time, which other
/// processes do not add to:
/// <list type="bullet">
/// <item>each generator and case in a process of its own, with <c>DOTNET_TieredCompilation=0</c> (optimized code
/// from the first run, no tiering during the measurement);</item>
/// <item>a full collection before each run, 3 runs discarded as warm-up, then the median;</item>
/// <item>the processes interleaved in three rounds, so that a change of load hits both generators alike.</item>
/// </list>
/// It prints SchemaTasks' median over LoggerMessage's, per round, for cold runs, the keystroke and the project with
/// no task, at 1,000 and 5,000 declarations (about five minutes on a quiet machine).
/// </summary>
internal static class GeneratorCpuTime
{
    /// <summary>The option that runs the comparison.</summary>
    public const string Option = "--generator-cpu";

    // The option of one measuring process: generator, case, declarations, runs.
    private const string CaseOption = "--generator-cpu-case";
    private const int WarmUpRuns = 3;
    private const int Rounds = 3;

    private static readonly int[] Sizes = [1_000, 5_000];
    private static readonly string[] Cases = ["cold", "keystroke", "no-task"];

    /// <summary>Runs the comparison (<see cref="Option"/>) or one measuring process; false when the arguments are neither.</summary>
    public static bool TryRun(string[] args, TextWriter output)
    {
        switch (args)
        {
            case [Option]:
                Compare(output);
                return true;
            case [CaseOption, var generator, var caseName, var declarations, var runs]:
                var (median, fastest, allocated) = Measure(
                    generator, caseName, int.Parse(declarations, CultureInfo.InvariantCulture), int.Parse(runs, CultureInfo.InvariantCulture));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{median} {fastest} {allocated}"));
                return true;
            default:
                return false;
        }
    }

    private static void Compare(TextWriter output)
    {
        output.WriteLine("| round | case | declarations | SchemaTasks ms (median, fastest) | LoggerMessage ms (median, fastest) | ratio of medians | allocated, SchemaTasks / LoggerMessage |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var size in Sizes)
            {
                foreach (var caseName in Cases)
                {
                    var runs = caseName == "no-task" ? 50 : size <= 1_000 ? 20 : 8;
                    var schemaTasks = MeasureInChild("schematasks", caseName, size, runs);
                    var loggerMessage = MeasureInChild("loggermessage", caseName, size, runs);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {round} | {caseName} | {size:N0} | {schemaTasks.Median:F3}, {schemaTasks.Fastest:F3} | {loggerMessage.Median:F3}, {loggerMessage.Fastest:F3} | **{schemaTasks.Median / loggerMessage.Median:F2}** | {(double)schemaTasks.Allocated / loggerMessage.Allocated:F2} |"));
                }
            }
        }
    }

    private static (double Median, double Fastest, long Allocated) MeasureInChild(string generator, string caseName, int declarations, int runs)
    {
        var self = typeof(GeneratorCpuTime).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet <dll>` the host needs the assembly; an apphost is the program itself.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(self);
        }

        foreach (var argument in new[] { CaseOption, generator, caseName, declarations.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_TieredCompilation"] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        var text = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var fields = text.Trim().Split(' ');
        if (child.ExitCode != 0 || fields.Length != 3)
        {
            throw new InvalidOperationException($"The measuring process for {generator} {caseName} {declarations} exited with {child.ExitCode}: {text}");
        }

        return (double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    // One generator on one case, in this process: the thread CPU time of each run in ms (median and fastest after the
    // warm-up) and the median of the bytes each run allocated.
    private static (double Median, double Fastest, long Allocated) Measure(string generator, string caseName, int declarations, int runs)
    {
        Func<IIncrementalGenerator> create = generator switch
        {
            "schematasks" => static () => new SchemaTaskGenerator(),
            "loggermessage" => PeerGenerators.LoggerMessage,
            _ => throw new ArgumentException($"Unknown generator '{generator}' (schematasks or loggermessage).", nameof(generator)),
        };
        var kind = caseName switch
        {
            "cold" or "keystroke" => generator == "schematasks" ? DeclarationKind.Tasks : DeclarationKind.LoggerMessages,
            "no-task" => DeclarationKind.Plain,
            _ => throw new ArgumentException($"Unknown case '{caseName}' (cold, keystroke or no-task).", nameof(caseName)),
        };
        if (runs <= WarmUpRuns)
        {
            throw new ArgumentOutOfRangeException(nameof(runs), runs, $"More than the {WarmUpRuns} warm-up runs.");
        }

        var project = SyntheticCompilation.Create(kind, declarations);
        // The keystroke re-runs the driver primed on the project, as GeneratorPeerBenchmarks.SchemaTasksKeystroke does.
        var primed = caseName == "keystroke" ? SyntheticCompilation.CreateDriver(create()).RunGenerators(project.Compilation) : null;
        var times = new List<double>();
        var bytes = new List<long>();
        for (var run = 0; run < runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var compilation = primed is null ? project.Compilation.Clone() : project.Edited.Clone();
            var driver = primed ?? SyntheticCompilation.CreateDriver(create());
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var before = ThreadCpu.Now();
            driver.RunGenerators(compilation);
            var cpu = ThreadCpu.Now() - before;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (run >= WarmUpRuns)
            {
                times.Add(cpu.TotalMilliseconds);
                bytes.Add(allocated);
            }
        }

        times.Sort();
        bytes.Sort();
        return (times[times.Count / 2], times[0], bytes[bytes.Count / 2]);
    }

    /// <summary>The calling thread's CPU time (Linux: <c>CLOCK_THREAD_CPUTIME_ID</c>); elsewhere the process's.</summary>
    private static class ThreadCpu
    {
        private const int ClockThreadCpuTimeId = 3;

        public static TimeSpan Now()
        {
            if (OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTimeId, out var time) == 0)
            {
                return TimeSpan.FromTicks((time.Seconds * 1_000_000_000 + time.Nanoseconds) / 100);
            }

            return Process.GetCurrentProcess().TotalProcessorTime;
        }

        [DllImport("libc", SetLastError = true)]
#pragma warning disable SA1300, IDE1006 // The C function's own name.
        private static extern int clock_gettime(int clock, out Timespec time);
#pragma warning restore SA1300, IDE1006

        [StructLayout(LayoutKind.Sequential)]
        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
