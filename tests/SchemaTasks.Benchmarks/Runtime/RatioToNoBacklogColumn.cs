using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SchemaTasks.Benchmarks.Runtime;

/// <summary>
/// A benchmark's mean divided by the mean of the same method, job and other parameters with the backlog parameter at
/// 0. BenchmarkDotNet's own Ratio compares methods within one parameter set and has no baseline value of a parameter,
/// so a slowdown across <c>[Params]</c> values needs its own column.
/// </summary>
/// <param name="backlogParameter">The name of the <c>[Params]</c> property whose 0 is the baseline.</param>
internal sealed class RatioToNoBacklogColumn(string backlogParameter) : IColumn
{
    /// <inheritdoc/>
    public string Id => $"{nameof(RatioToNoBacklogColumn)}.{backlogParameter}";

    /// <inheritdoc/>
    public string ColumnName => "Ratio vs 0 pending";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Baseline;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => $"Mean / Mean of the same benchmark with {backlogParameter} = 0";

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var baseline = summary.BenchmarksCases.FirstOrDefault(candidate => IsBaselineOf(candidate, benchmarkCase));
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var baselineMean = baseline is null ? null : summary[baseline]?.ResultStatistics?.Mean;
        return mean is { } value && baselineMean is > 0 ? (value / baselineMean.Value).ToString("0.00", style.CultureInfo) : "?";
    }

    private bool IsBaselineOf(BenchmarkCase candidate, BenchmarkCase benchmarkCase) =>
        candidate.Descriptor == benchmarkCase.Descriptor
        && candidate.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo
        && Equals(candidate.Parameters[backlogParameter], 0)
        && benchmarkCase.Parameters.Items.All(parameter =>
            parameter.Name == backlogParameter || Equals(candidate.Parameters[parameter.Name], parameter.Value));
}
