using System.Globalization;
using System.Text.RegularExpressions;
using Viz.App.Common;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>One point of a line: x, the mean over the seeds, and their standard deviation (null for one seed).</summary>
/// <param name="X">Where on the x axis.</param>
/// <param name="Mean">The mean over the replicates.</param>
/// <param name="StdDev">The sample standard deviation over the replicates; null with one.</param>
public sealed record ChartPoint(double X, double Mean, double? StdDev);

/// <summary>One line: its name in the legend and its points.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Points">Its points, by x.</param>
public sealed record ChartLine(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>One panel: its y axis's label and its lines.</summary>
/// <param name="YLabel">The y axis, with its unit.</param>
/// <param name="Lines">Its lines.</param>
public sealed record ChartPanel(string YLabel, IReadOnlyList<ChartLine> Lines);

/// <summary>
/// A sweep's results ready to draw: one variable on the x axis, one panel per quantity, one line per feature set and
/// per value of every other option the sweep varies, the seeds of a point folded into its mean and standard deviation.
/// </summary>
/// <param name="Title">What was swept and what was held fixed.</param>
/// <param name="XLabel">The x axis, with its unit.</param>
/// <param name="XTicks">For a variable that is no number (e.g. workloads): the name at each x (0, 1, …); otherwise null.</param>
/// <param name="LogX">Whether x grows by a factor (1GiB..256GiB*2): drawn on a log2 axis.</param>
/// <param name="Panels">The panels.</param>
public sealed record SweepChart(string Title, string XLabel, IReadOnlyList<string>? XTicks, bool LogX, IReadOnlyList<ChartPanel> Panels)
{
    private static readonly HashSet<string> DurationUnits = new(StringComparer.Ordinal) { "ns", "us", "ms", "s", "m", "min", "h" };

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["--memory"] = "guest memory",
        ["--host-memory"] = "host memory",
        ["--bandwidth"] = "migration bandwidth",
        ["--downtime-limit"] = "downtime limit",
        ["--swap"] = "swap size",
        ["--duration"] = "simulated time",
        ["--start-after"] = "migration start",
    };

    /// <summary>
    /// The chart of <paramref name="records"/> (points of <paramref name="plan"/>, in any order) with
    /// <paramref name="xKey"/> on the x axis (null: the first varied option that is not the seed).
    /// </summary>
    public static SweepChart Of(SweepPlan plan, IReadOnlyList<SweepRecord> records, string? xKey)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(records);
        List<SweepDimension> varied = [.. plan.Varied.Where(d => !d.IsReplicate)];
        SweepDimension x = xKey is null
            ? varied.FirstOrDefault() ?? plan.Dimensions.FirstOrDefault(d => !d.IsReplicate)
                ?? throw new UsageException($"sweep {plan.Command}: nothing to plot against; give an option a list or range of values")
            : plan.Dimensions.FirstOrDefault(d => d.Key == xKey || d.Key == "--" + xKey)
                ?? throw new ArgumentException($"{xKey} is not an option of the sweep", nameof(xKey));
        (double[] xs, string xLabel, bool numeric) = Axis(x, migrates: plan.Command is "compare" or "migrate");
        bool logX = numeric && IsGeometric(xs);
        List<SweepDimension> grouping = [.. varied.Where(d => d != x)];
        var byX = x.Values.Select((value, i) => (value, i)).ToDictionary(p => p.value, p => xs[p.i], StringComparer.Ordinal);
        var panels = new List<ChartPanel>();
        foreach (SweepPanel panel in SweepFigures.Panels(plan.Command))
        {
            var lines = new List<ChartLine>();
            foreach (SweepSeries series in panel.Series)
            {
                foreach (IGrouping<string, SweepRecord> group in records.GroupBy(r => string.Join(", ", grouping.Select(d => $"{d.Key} {r.Options.GetValueOrDefault(d.Key)}"))))
                {
                    List<ChartPoint> points = [];
                    foreach (IGrouping<string, SweepRecord> at in group.GroupBy(r => r.Options.GetValueOrDefault(x.Key) ?? string.Empty).Where(g => byX.ContainsKey(g.Key)))
                    {
                        List<double> values = [.. at.Select(r => series.Figure.Read(r.Result)).OfType<double>().Select(v => Scaled(v, panel.Unit))];
                        if (values.Count > 0)
                        {
                            points.Add(new ChartPoint(byX[at.Key], values.Average(), values.Count > 1 ? StdDev(values) : null));
                        }
                    }

                    string name = string.Join(", ", new[] { series.Name, group.Key }.Where(n => n.Length > 0));
                    lines.Add(new ChartLine(name.Length > 0 ? name : series.Figure.Label, [.. points.OrderBy(p => p.X)]));
                }
            }

            panels.Add(new ChartPanel($"{panel.Quantity} ({UnitLabel(panel.Unit)})", lines));
        }

        return new SweepChart(TitleOf(plan, x), xLabel, numeric ? null : x.Values, logX, panels);
    }

    private static string TitleOf(SweepPlan plan, SweepDimension x)
    {
        List<string> fixedOptions = [.. plan.Dimensions.Where(d => !d.Varies).Select(d => $"{d.Key} {d.Values[0]}")];
        string held = fixedOptions.Count == 0 ? "every other option at its default" : $"held fixed: {string.Join(", ", fixedOptions)}";
        SweepDimension? seeds = plan.Dimensions.FirstOrDefault(d => d.IsReplicate && d.Varies);
        string replicates = seeds is null ? string.Empty : $"; mean ± sd of {seeds.Values.Count} seeds";
        return $"balloonviz sweep {plan.Command} against {x.Key}; {held}{replicates}";
    }

    /// <summary>The x of each value, the axis's label, and whether the values are numbers (one prefix and one unit).</summary>
    private static (double[] Xs, string Label, bool Numeric) Axis(SweepDimension x, bool migrates)
    {
        List<Match> matches = [.. x.Values.Select(v => SweepValues.NumberWithUnit().Match(v))];
        string name = Names.GetValueOrDefault(x.Key, x.Key);
        if (matches.All(m => m.Success)
            && matches.Select(m => m.Groups["prefix"].Value).Distinct().Count() == 1
            && matches.Select(m => m.Groups["unit"].Value).Distinct().Count() == 1)
        {
            string prefix = matches[0].Groups["prefix"].Value;
            string unit = matches[0].Groups["unit"].Value;
            double[] numbers = [.. matches.Select(m => double.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture))];
            // Durations first: "m" is a minute (a size in MiB is written M or MiB).
            if (DurationUnits.Contains(unit) && SimDuration.TryParse("1" + unit, out long unitNs, out _))
            {
                return ([.. numbers.Select(n => n * unitNs / SimDuration.NsPerSecond)], $"{Prefixed(name, prefix)} (s)", true);
            }

            if (unit.Length > 0 && ByteSize.TryParse("1" + unit, out long unitBytes, out _))
            {
                return ([.. numbers.Select(n => n * unitBytes / (1L << 30))], $"{Prefixed(name, prefix)} (GiB)", true);
            }

            string described = prefix.EndsWith("freed:", StringComparison.Ordinal) && unit == "%"
                ? $"share of the guest written, then freed{(migrates ? " before the migration" : string.Empty)}"
                : Prefixed(name, prefix);
            return (numbers, unit.Length == 0 ? described : $"{described} ({unit})", true);
        }

        return ([.. Enumerable.Range(0, x.Values.Count).Select(i => (double)i)], name, false);
    }

    private static string Prefixed(string name, string prefix) => prefix.Length == 0 ? name : $"{name} {prefix}…";

    private static bool IsGeometric(double[] xs)
    {
        if (xs.Length < 3 || xs.Any(v => v <= 0))
        {
            return false;
        }

        double ratio = xs[1] / xs[0];
        return ratio > 1.5 && xs.Zip(xs.Skip(1)).All(p => Math.Abs((p.Second / p.First) - ratio) < 1e-9 * ratio);
    }

    private static double Scaled(double value, FigureUnit unit) => unit switch
    {
        FigureUnit.Bytes => value / (1L << 30),
        FigureUnit.Share => value * 100,
        _ => value,
    };

    private static string UnitLabel(FigureUnit unit) => unit switch
    {
        FigureUnit.Ms => "ms",
        FigureUnit.Bytes => "GiB",
        FigureUnit.Share => "%",
        _ => "count",
    };

    private static double StdDev(List<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

}
