using System.Globalization;
using ScottPlot;
using SkiaSharp;
using Viz.App.Common;

namespace Viz.App.Cli;

/// <summary>
/// Draws a sweep's chart with ScottPlot: one panel per quantity, stacked, the x variable at the bottom of each, one
/// line per feature set and option value with error bars across seeds, the legend beside the data and the title on top.
/// A .png path gives a PNG, a .svg path an SVG (SkiaSharp's SVG canvas, through the same drawing).
/// </summary>
public static class SweepPlot
{
    /// <summary>The image's default size in pixels.</summary>
    public const int DefaultWidth = 1200;

    /// <summary>The image's default height: 450 pixels a panel for two panels.</summary>
    public const int DefaultHeight = 900;

    /// <summary>Saves <paramref name="chart"/> to <paramref name="path"/> (PNG or SVG by its extension).</summary>
    public static void Save(SweepChart chart, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(path);
        List<Plot> plots = [.. chart.Panels.Select((panel, i) => Panel(chart, panel, first: i == 0))];
        try
        {
            switch (Path.GetExtension(path).ToUpperInvariant())
            {
                case ".PNG":
                    SavePng(plots, path, width, height);
                    break;
                case ".SVG":
                    SaveSvg(plots, path, width, height);
                    break;
                default:
                    throw new UsageException($"--plot {path}: the file must end in .png or .svg");
            }
        }
        catch (IOException e)
        {
            throw new UsageException($"--plot {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"--plot {path}: {e.Message}");
        }
        finally
        {
            plots.ForEach(plot => plot.Dispose());
        }
    }

    private static void SavePng(List<Plot> plots, string path, int width, int height)
    {
        using SKSurface surface = SKSurface.Create(new SKImageInfo(width, height));
        Draw(plots, surface.Canvas, width, height);
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
    }

    private static void SaveSvg(List<Plot> plots, string path, int width, int height)
    {
        using FileStream file = File.Create(path);
        using var stream = new SKManagedWStream(file);
        using (SKCanvas canvas = SKSvgCanvas.Create(SKRect.Create(width, height), stream))
        {
            Draw(plots, canvas, width, height);
        }
    }

    private static void Draw(List<Plot> plots, SKCanvas canvas, int width, int height)
    {
        canvas.Clear(SKColors.White);
        float each = height / (float)plots.Count;
        for (int i = 0; i < plots.Count; i++)
        {
            // A plot clears its canvas before it draws: each draws within a clip of its own band.
            canvas.Save();
            canvas.Translate(0, i * each);
            canvas.ClipRect(SKRect.Create(width, each));
            plots[i].Render(canvas, new PixelRect(0, width, each, 0));
            canvas.Restore();
        }
    }

    private static Plot Panel(SweepChart chart, ChartPanel panel, bool first)
    {
        var plot = new Plot();
        if (first)
        {
            plot.Title(chart.Title, 13);
        }

        plot.XLabel(chart.XLabel);
        plot.YLabel(panel.YLabel);
        foreach (ChartLine line in panel.Lines.Where(l => l.Points.Count > 0))
        {
            double[] xs = [.. line.Points.Select(p => chart.LogX ? Math.Log2(p.X) : p.X)];
            double[] ys = [.. line.Points.Select(p => p.Mean)];
            ScottPlot.Plottables.Scatter scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = line.Name;
            scatter.MarkerSize = 7;
            if (line.Points.Any(p => p.StdDev is not null))
            {
                ScottPlot.Plottables.ErrorBar bars = plot.Add.ErrorBar(xs, ys, [.. line.Points.Select(p => p.StdDev ?? 0)]);
                bars.Color = scatter.Color;
            }
        }

        if (chart.XTicks is not null || chart.LogX)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            List<double> xs = [.. panel.Lines.SelectMany(l => l.Points).Select(p => p.X).Distinct().Order()];
            foreach (double x in xs)
            {
                ticks.AddMajor(chart.LogX ? Math.Log2(x) : x, chart.XTicks is { } names ? names[(int)x] : x.ToString("0.###", CultureInfo.InvariantCulture));
            }

            plot.Axes.Bottom.TickGenerator = ticks;
        }

        plot.Axes.AutoScale();
        AxisLimits limits = plot.Axes.GetLimits();
        if (limits.Bottom > 0)
        {
            plot.Axes.SetLimitsY(0, limits.Top);
        }

        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
