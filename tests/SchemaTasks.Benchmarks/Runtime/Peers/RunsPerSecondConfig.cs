using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>Adds the <see cref="RunsPerSecondColumn"/> to a benchmark class whose Mean is the time of one run.</summary>
internal sealed class RunsPerSecondConfig : ManualConfig
{
    public RunsPerSecondConfig() => AddColumn(new RunsPerSecondColumn());
}

/// <summary>Runs per second, 1 s / Mean, for benchmarks whose Mean is per run (<c>OperationsPerInvoke</c>).</summary>
internal sealed class RunsPerSecondColumn : IColumn
{
    public string Id => nameof(RunsPerSecondColumn);

    public string ColumnName => "Runs/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Runs per second: 1 s / Mean";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics?.Mean is > 0 and var nanoseconds
            ? (1e9 / nanoseconds).ToString("N0", style.CultureInfo)
            : "?";
}
