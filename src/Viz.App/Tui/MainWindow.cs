using System.Drawing;
using System.Globalization;
using System.Reactive.Linq;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using Viz.App.Tui.Grid;
using Viz.App.Tui.Log;
using Viz.App.Tui.Panels;
using Viz.Pipeline;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui;

/// <summary>
/// The visualizer's screen: a header, the page grid with its legend and the event log on the left, the details,
/// features, counters and trends panels on the right, and the status bar. It binds to a
/// <see cref="VisualizerViewModel"/> and keeps no state of its own: keys and clicks go to the view model, and every
/// change of the view model redraws what it shows; frames arrive through <see cref="ShowFrame"/> on the UI thread. A terminal narrower or shorter than the panels need
/// (a laptop's 80×24) gets the grid, legend and log alone; one too small even for that gets a message instead.
/// </summary>
public sealed class MainWindow : Runnable
{
    /// <summary>The narrowest terminal the screen works in (without the side panels).</summary>
    public const int MinColumns = 60;

    /// <summary>The shortest terminal the screen works in (without the side panels).</summary>
    public const int MinRows = 20;

    /// <summary>The narrowest terminal with room for the side panels.</summary>
    public const int PanelColumns = 100;

    /// <summary>The shortest terminal with room for the side panels (details, features, migration, counters).</summary>
    public const int PanelRows = 42;

    /// <summary>Width of the right-hand panels.</summary>
    public const int SideWidth = 44;

    /// <summary>Rows of the event log, with its heading.</summary>
    public const int LogRows = 8;

    /// <summary>Rows of the event log when the side panels do not fit.</summary>
    public const int CompactLogRows = 5;

    private readonly VisualizerViewModel _visualizer;
    private readonly List<IDisposable> _bindings = [];
    private readonly LineView _header;
    private readonly LineView _status;
    private readonly PageGridView _grid;
    private readonly LegendView _legend;
    private readonly EventLogView _log;
    private readonly TextPanel _details;
    private readonly TextPanel _features;
    private readonly TextPanel _counters;
    private readonly TextPanel _migration;
    private readonly TextPanel _trends;
    private readonly HelpView _help;
    private readonly View _tooSmall;
    private readonly View[] _dashboard;
    private readonly View[] _sidePanels;
    private bool _compact;
    private Size _laidOutFor;

    /// <summary>A screen bound to <paramref name="visualizer"/>.</summary>
    public MainWindow(VisualizerViewModel visualizer)
    {
        _visualizer = visualizer ?? throw new ArgumentNullException(nameof(visualizer));
        Themes.Theme theme = visualizer.Theme.Value;
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;
        _header = new LineView(theme);
        _status = new LineView(theme);
        _grid = new PageGridView(new GridPalette(theme));
        _legend = new LegendView(theme);
        _log = new EventLogView(visualizer.Log, theme);
        _details = new TextPanel("Selected cell", theme);
        _features = new TextPanel("Features", theme);
        _counters = new TextPanel("Counters                   pages      bytes", theme);
        _migration = new TextPanel("Migration", theme);
        _trends = new TextPanel("Trends", theme);
        _help = new HelpView(theme) { Visible = false };
        _tooSmall = new TooSmallView(theme) { Visible = false };
        _dashboard = [_header, _grid, _legend, _log, _details, _features, _migration, _counters, _trends];
        _sidePanels = [_details, _features, _migration, _counters, _trends];
        Add(_header, _grid, _legend, _log, _details, _features, _migration, _counters, _trends, _help, _tooSmall, _status);
        ApplyScheme();
        _grid.CellClicked += visualizer.SelectCell;
        _features.LineClicked += line =>
        {
            if (line.Click is Key key)
            {
                visualizer.Press(key);
            }
        };
        _bindings.Add(visualizer.Theme.Changes.Skip(1).Subscribe(_ => ApplyTheme()));
        _bindings.Add(visualizer.Status.Changes.Skip(1).Subscribe(_ => ClearMessageLater()));
        _bindings.Add(visualizer.Changed.Subscribe(_ => Render()));
        ViewportChanged += (_, _) => Relayout();
        Relayout();
    }

    /// <summary>Shows a new frame (UI thread).</summary>
    public void ShowFrame(SimFrame frame) => _visualizer.Take(frame);

    /// <summary>Shows that the simulation stopped with an error.</summary>
    public void ShowFailure(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _visualizer.Say($"the simulation stopped: {error.Message} (q quits)");
    }

    /// <inheritdoc/>
    protected override bool OnKeyDown(Key key) => _visualizer.Press(key) || base.OnKeyDown(key);

    private void Relayout()
    {
        Size size = Viewport.Size;
        if (size == _laidOutFor)
        {
            return;
        }

        _laidOutFor = size;
        int width = size.Width;
        int height = size.Height;
        bool fits = width >= MinColumns && height >= MinRows;
        _tooSmall.Visible = !fits;
        Place(_tooSmall, 0, 0, width, Math.Max(1, height));
        Place(_status, 0, Math.Max(0, height - 1), width, 1);
        _status.Visible = fits;
        if (!fits)
        {
            foreach (View view in _dashboard)
            {
                view.Visible = false;
            }

            _help.Visible = false;
            return;
        }

        _compact = width < PanelColumns || height < PanelRows;
        int left = _compact ? width : width - SideWidth - 1;
        int logRows = _compact ? CompactLogRows : LogRows;
        int legendRows = LegendView.RowsNeeded(left);
        int gridRows = height - 2 - legendRows - logRows;
        Place(_header, 0, 0, width, 1);
        Place(_grid, 0, 1, left, gridRows);
        Place(_legend, 0, 1 + gridRows, left, legendRows);
        Place(_log, 0, 1 + gridRows + legendRows, left, logRows);
        int row = 1;
        foreach (TextPanel panel in _sidePanels)
        {
            int rows = panel == _details ? 7 : panel == _features ? 8 : panel == _migration ? 7 : panel == _counters ? 18 : height - 1 - row;
            Place(panel, left + 1, row, SideWidth, Math.Max(1, rows));
            row += rows;
        }

        Place(_help, 0, 0, width, height - 1);
        _visualizer.LayoutGrid(new GridLayout(left, gridRows, !_visualizer.Theme.Value.Glyphs));
        Render();
    }

    /// <summary>Redraws once the message has gone stale, so it leaves the status bar even while no frames arrive (paused).</summary>
    private void ClearMessageLater() =>
        App?.AddTimeout(VisualizerViewModel.MessageLifetime + TimeSpan.FromMilliseconds(100), () =>
        {
            Render();
            return false;
        });

    private static void Place(View view, int x, int y, int width, int height)
    {
        view.X = x;
        view.Y = y;
        view.Width = Math.Max(0, width);
        view.Height = Math.Max(0, height);
    }

    private void Render()
    {
        bool fits = !_tooSmall.Visible;
        bool help = _visualizer.HelpVisible.Value;
        _help.Visible = fits && help;
        foreach (View view in _dashboard)
        {
            view.Visible = fits && !help && !(_compact && _sidePanels.Contains(view));
        }

        StatusMessage? message = _visualizer.Message;
        int hintRoom = Viewport.Width - (message is null ? 0 : message.Text.Length + 2);
        _status.SetText(KeyMap.StatusHints(Math.Max(0, hintRoom)), message?.Text ?? string.Empty, message?.Warning == true);
        if (_visualizer.Frame.Value is not { } frame)
        {
            _header.SetText("balloonviz  starting the simulation...", string.Empty);
            return;
        }

        string speed = frame.Paused ? "PAUSED" : frame.Speed.ToString();
        string right = _compact ? $"panels need {PanelColumns}×{PanelRows} · {speed}" : speed;
        _header.SetText(HeaderText(frame, Viewport.Width - right.Length - 2), right);
        _grid.Show(frame.Grid, _visualizer.Navigator.Cursor);
        _details.SetLines(PanelText.Details(frame));
        _features.SetLines(PanelText.Features(frame));
        _counters.SetLines(PanelText.Counters(frame));
        _migration.SetLines(PanelText.Migration(frame, SideWidth - 2));
        _trends.SetLines(PanelText.Trends(frame, SideWidth));
        _log.SetNeedsDraw();
    }

    /// <summary>The header: the most important facts first; those that do not fit in <paramref name="width"/> are left out.</summary>
    private static string HeaderText(SimFrame frame, int width)
    {
        GridWindow window = frame.Grid.Window;
        double perCell = window.PageCount / (double)window.Cells;
        string[] parts =
        [
            $"balloonviz  {PanelText.Bytes(frame.Counts.TotalPages)} guest",
            $"{frame.Counts.Workload} ({frame.Counts.WorkloadPhase})",
            string.Create(CultureInfo.InvariantCulture, $"t {frame.Counts.TimeNs / 1e9:0.0} s"),
            perCell <= 1
                ? "1 page per cell"
                : string.Create(CultureInfo.InvariantCulture, $"1 cell ≈ {perCell:0.#} pages ({PanelText.Bytes((long)Math.Round(perCell))})"),
            window.PageCount == frame.Counts.TotalPages
                ? "whole guest"
                : $"showing {PanelText.Bytes(window.StartPfn)} to {PanelText.Bytes(window.StartPfn + (long)window.PageCount)}",
            double.IsNaN(frame.AchievedFactor) || frame.Paused
                ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $"×{frame.AchievedFactor:0.##} achieved"),
        ];
        string header = string.Empty;
        foreach (string part in parts)
        {
            string longer = header.Length == 0 ? part : header + " · " + part;
            if (part.Length > 0 && longer.Length <= width)
            {
                header = longer;
            }
        }

        return header;
    }

    private void ApplyTheme()
    {
        Themes.Theme theme = _visualizer.Theme.Value;
        _grid.SetPalette(new GridPalette(theme));
        _legend.SetTheme(theme);
        _log.SetTheme(theme);
        _help.SetTheme(theme);
        _header.SetTheme(theme);
        _status.SetTheme(theme);
        ((TooSmallView)_tooSmall).SetTheme(theme);
        foreach (TextPanel panel in _sidePanels)
        {
            panel.SetTheme(theme);
        }

        ApplyScheme();
        _laidOutFor = Size.Empty;
        Relayout();
        SetNeedsDraw();
    }

    private void ApplyScheme() =>
        SetScheme(new Scheme(new Attribute(_visualizer.Theme.Value.Ui.Foreground, _visualizer.Theme.Value.Ui.Background)));

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (IDisposable binding in _bindings)
            {
                binding.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
