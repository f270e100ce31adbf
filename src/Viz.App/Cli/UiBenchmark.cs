using System.Diagnostics;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using Viz.App.Tui.Grid;
using Viz.App.Tui.Themes;
using Viz.Pipeline;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>What `balloonviz bench ui` measured, in milliseconds per frame.</summary>
/// <param name="FrameMs">Median time to turn the running guest into a grid frame and draw it: <see cref="BuildMs"/> plus <see cref="DrawMs"/>.</param>
/// <param name="FrameP90Ms">90th percentile of the same.</param>
/// <param name="BuildMs">Median time to make the frame on the simulation's thread: counts, grid aggregate, cell states.</param>
/// <param name="DrawMs">Median time to draw it: the diff against the back buffer and the driver's refresh.</param>
/// <param name="FullRedrawMs">Median time to draw a frame whose every character differs from the screen (the worst case).</param>
/// <param name="Columns">Grid width in characters.</param>
/// <param name="Rows">Grid height in characters.</param>
/// <param name="Cells">Grid cells (two per character).</param>
/// <param name="GuestBytes">Guest RAM.</param>
/// <param name="BaselinePassMs">One vectorised pass over a byte per page of the guest (<see cref="BenchBaseline"/>).</param>
/// <param name="FrameRatio"><paramref name="FrameMs"/> over <paramref name="BaselinePassMs"/>.</param>
public sealed record UiBenchmarkResult(
    double FrameMs,
    double FrameP90Ms,
    double BuildMs,
    double DrawMs,
    double FullRedrawMs,
    int Columns,
    int Rows,
    int Cells,
    long GuestBytes,
    double BaselinePassMs,
    double FrameRatio);

/// <summary>
/// The UI benchmark: an 8 GiB guest running the build workload (allocations and frees every tick), turned into a
/// 200×60 half-block grid frame and drawn by the real grid view on a headless driver, once per 33 ms of simulated time.
/// </summary>
public static class UiBenchmark
{
    /// <summary>Grid width in characters.</summary>
    public const int Columns = 200;

    /// <summary>Grid height in characters.</summary>
    public const int Rows = 60;

    private const long GuestBytes = 8L << 30;
    private const long FrameNs = 33_000_000;
    private const int WarmUpFrames = 20;
    private const int MeasuredFrames = 150;

    /// <summary>Runs the measurement.</summary>
    public static UiBenchmarkResult Run()
    {
        var simulation = new GuestMachine(new SimulationOptions
        {
            Guest = new GuestOptions { MemoryBytes = GuestBytes },
            Workload = new WorkloadSpec(WorkloadKind.Build),
        });
        using var builder = new FrameBuilder(simulation);
        var layout = new GridLayout(Columns, Rows, HalfBlocks: true);
        var window = new GridWindow(0, simulation.Kernel.Memory.PageCount, layout.Cells);
        using IApplication app = Application.Create().Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(Columns, Rows);
        var grid = new PageGridView(new GridPalette(BuiltInTheme.Default)) { X = 0, Y = 0, Width = Columns, Height = Rows };
        using var top = new Runnable { Width = Dim.Fill(), Height = Dim.Fill() };
        top.Add(grid);
        SessionToken? token = app.Begin(top);
        try
        {
            var build = new List<double>();
            var draw = new List<double>();
            var frame = new List<double>();
            for (int i = 0; i < WarmUpFrames + MeasuredFrames; i++)
            {
                simulation.Step(FrameNs);
                builder.RecordHistoryIfDue();
                long start = Stopwatch.GetTimestamp();
                SimFrame made = builder.Build(window, null, SimulationSpeed.RealTime, paused: false, achievedFactor: 1);
                long built = Stopwatch.GetTimestamp();
                grid.Show(made.Grid, cursor: 0);
                app.LayoutAndDraw(forceRedraw: false);
                long drawn = Stopwatch.GetTimestamp();
                if (i >= WarmUpFrames)
                {
                    build.Add(Stopwatch.GetElapsedTime(start, built).TotalMilliseconds);
                    draw.Add(Stopwatch.GetElapsedTime(built, drawn).TotalMilliseconds);
                    frame.Add(Stopwatch.GetElapsedTime(start, drawn).TotalMilliseconds);
                }
            }

            double fullRedraw = MeasureFullRedraw(app, grid, builder, window);
            double frameMs = Percentile(frame, 0.5);
            double baselineMs = BenchBaseline.VectorPassMs(GuestBytes);
            return new UiBenchmarkResult(
                frameMs, Percentile(frame, 0.9), Percentile(build, 0.5), Percentile(draw, 0.5), fullRedraw,
                Columns, Rows, layout.Cells, GuestBytes, baselineMs, BenchBaseline.Ratio(frameMs, baselineMs));
        }
        finally
        {
            if (token is not null)
            {
                app.End(token);
            }
        }
    }

    /// <summary>Alternates two palettes so that every character differs from the screen each time.</summary>
    private static double MeasureFullRedraw(IApplication app, PageGridView grid, FrameBuilder builder, GridWindow window)
    {
        SimFrame frame = builder.Build(window, null, SimulationSpeed.RealTime, paused: false, achievedFactor: 1);
        GridPalette[] palettes = [new(BuiltInTheme.Default), new(Inverted(BuiltInTheme.Default))];
        var times = new List<double>();
        for (int i = 0; i < 40; i++)
        {
            grid.SetPalette(palettes[i % 2]);
            grid.Show(frame.Grid, cursor: 0);
            long start = Stopwatch.GetTimestamp();
            app.LayoutAndDraw(forceRedraw: false);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return Percentile(times.Skip(5).ToList(), 0.5);
    }

    private static Theme Inverted(Theme theme)
    {
        var colours = new Terminal.Gui.Drawing.Color[CellStates.Count];
        var glyphs = new string[CellStates.Count];
        for (int state = 0; state < CellStates.Count; state++)
        {
            Terminal.Gui.Drawing.Color colour = theme.ColourOf((CellState)state);
            colours[state] = new Terminal.Gui.Drawing.Color(255 - colour.R, 255 - colour.G, 255 - colour.B);
            glyphs[state] = theme.GlyphOf((CellState)state);
        }

        return new Theme("inverted", "benchmark only", false, theme.Ui, colours, glyphs);
    }

    private static double Percentile(List<double> values, double share)
    {
        values.Sort();
        return values[Math.Min(values.Count - 1, (int)(share * values.Count))];
    }
}
