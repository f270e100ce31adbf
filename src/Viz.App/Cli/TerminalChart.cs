using System.Globalization;
using System.Text;

namespace Viz.App.Cli;

/// <summary>
/// A quick look at a sweep without an image: each panel of the chart as a grid of characters, one marker per line,
/// the y range on the left, the x range below, and a legend.
/// </summary>
public static class TerminalChart
{
    private const string Markers = "●○▲△■□◆◇";

    /// <summary>Where two lines fall on the same character.</summary>
    private const char Overlap = '✱';

    /// <summary>Writes every panel of <paramref name="chart"/>, <paramref name="width"/> columns of plot area by <paramref name="height"/> rows.</summary>
    public static void Write(TextWriter output, SweepChart chart, int width = 60, int height = 10)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(chart);
        foreach (ChartPanel panel in chart.Panels)
        {
            List<ChartLine> lines = [.. panel.Lines.Where(l => l.Points.Count > 0)];
            if (lines.Count == 0)
            {
                continue;
            }

            double X(ChartPoint p) => chart.LogX ? Math.Log2(p.X) : p.X;
            List<ChartPoint> all = [.. lines.SelectMany(l => l.Points)];
            double minX = all.Min(X), maxX = all.Max(X);
            double maxY = Math.Max(all.Max(p => p.Mean), 0), minY = Math.Min(all.Min(p => p.Mean), 0);
            var grid = new char[height, width];
            for (int row = 0; row < height; row++)
            {
                for (int column = 0; column < width; column++)
                {
                    grid[row, column] = ' ';
                }
            }

            for (int l = 0; l < lines.Count; l++)
            {
                foreach (ChartPoint point in lines[l].Points)
                {
                    int column = maxX == minX ? width / 2 : (int)Math.Round((X(point) - minX) / (maxX - minX) * (width - 1));
                    int row = maxY == minY ? height - 1 : height - 1 - (int)Math.Round((point.Mean - minY) / (maxY - minY) * (height - 1));
                    char marker = Markers[l % Markers.Length];
                    grid[row, column] = grid[row, column] is ' ' || grid[row, column] == marker ? marker : Overlap;
                }
            }

            string top = Number(maxY), bottom = Number(minY);
            int margin = Math.Max(top.Length, bottom.Length);
            output.WriteLine(panel.YLabel);
            for (int row = 0; row < height; row++)
            {
                string label = row == 0 ? top : row == height - 1 ? bottom : string.Empty;
                var text = new StringBuilder(label.PadLeft(margin)).Append(row == 0 || row == height - 1 ? " ┤" : " │");
                for (int column = 0; column < width; column++)
                {
                    text.Append(grid[row, column]);
                }

                output.WriteLine(text.ToString().TrimEnd());
            }

            output.WriteLine(new string(' ', margin + 1) + "└" + new string('─', width));
            string left = XLabel(chart, all.Min(p => p.X)), right = XLabel(chart, all.Max(p => p.X));
            output.WriteLine(new string(' ', margin + 2) + left + right.PadLeft(Math.Max(1, width - left.Length)));
            output.WriteLine(new string(' ', margin + 2) + chart.XLabel);
            string overlap = Enumerable.Range(0, height).Any(r => Enumerable.Range(0, width).Any(c => grid[r, c] == Overlap)) ? $"  {Overlap} more than one" : string.Empty;
            output.WriteLine(new string(' ', margin + 2) + string.Join("  ", lines.Select((line, l) => $"{Markers[l % Markers.Length]} {line.Name}")) + overlap);
            output.WriteLine();
        }
    }

    private static string XLabel(SweepChart chart, double x) =>
        chart.XTicks is { } names ? names[(int)x] : Number(x);

    private static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);
}
