using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Kata.Bench;

/// <summary>GFLOP/s of a product benchmark: 2·n·k·m floating-point operations over its best or median time.</summary>
internal sealed class GflopsColumn(bool best) : IColumn
{
    public string Id => $"{nameof(GflopsColumn)}.{(best ? "Best" : "Median")}";

    public string ColumnName => best ? "GFLOP/s best" : "GFLOP/s median";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => best ? 0 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"2·n·k·m / {(best ? "fastest" : "median")} time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => c.Parameters.Items.Any(p => p.Name is nameof(MatMulBenchmarks.N) or nameof(TrainingStepBenchmarks.Shape)));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        object? size = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name is nameof(MatMulBenchmarks.N) or nameof(TrainingStepBenchmarks.Shape))?.Value;
        if (summary[benchmarkCase]?.ResultStatistics is not { } statistics || size is null)
        {
            return "-";
        }

        (int n, int k, int m) = size is int square ? (square, square, square) : ProductShape.Parse((string)size);
        double nanoseconds = best ? statistics.Min : statistics.Median;
        return (2.0 * n * k * m / nanoseconds).ToString("F1", CultureInfo.InvariantCulture); // flops per ns = GFLOP/s
    }
}
