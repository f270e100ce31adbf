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
using Viz.App.Tui.Views;
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
    public const int MinColumns = ScreenLayout.MinColumns;

    /// <summary>The shortest terminal the screen works in.</summary>
    public const int MinRows = ScreenLayout.MinRows;

    /// <summary>The narrowest terminal with room for the side panels.</summary>
    public const int PanelColumns = ScreenLayout.PanelColumns;

    private readonly VisualizerViewModel _visualizer;
    private readonly List<IDisposable> _bindings = [];
    private readonly LineView _header;
    private readonly CaptionView _caption;
    private readonly VersusView? _versus;
    private readonly LineView _summary;
    private readonly LineView _status;
    private readonly PageGridView _grid;
    private readonly LegendView _legend;
    private readonly EventLogView _log;
    private readonly TextPanel _details;
    private readonly TextPanel _features;
    private readonly TextPanel _counters;
    private readonly TextPanel _migration;
    private readonly TextPanel _trends;
    private readonly HostPanel _host;
    private readonly HelpView _help;
    private readonly View _tooSmall;
    private readonly View[] _dashboard;
    private readonly Dictionary<SidePanel, TextPanel> _sidePanels;
    private ScreenLayout? _layout;
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
        _caption = new CaptionView(theme);
        _versus = visualizer.VersusLabels is { } labels ? new VersusView(theme, labels) { Visible = false } : null;
        _summary = new LineView(theme);
        _status = new LineView(theme);
        _grid = new PageGridView(new GridPalette(theme));
        _legend = new LegendView(theme);
        _log = new EventLogView(visualizer.EventLog.Log, theme);
        _details = new TextPanel("Selected cell", theme);
        _features = new TextPanel("Features", theme);
        _counters = new TextPanel("Counters                   pages      bytes", theme);
        _migration = new TextPanel("Migration", theme);
        _trends = new TextPanel("Trends", theme);
        _host = new HostPanel(theme) { Visible = false };
        _help = new HelpView(theme, visualizer.Keys) { Visible = false };
        _tooSmall = new TooSmallView(theme) { Visible = false };
        _dashboard = [_header, _caption, _summary, _grid, _host, _legend, _log, _details, _features, _migration, _counters, _trends, .. _versus is null ? Array.Empty<View>() : [_versus]];
        _sidePanels = new()
        {
            [SidePanel.Details] = _details,
            [SidePanel.Features] = _features,
            [SidePanel.Migration] = _migration,
            [SidePanel.Counters] = _counters,
            [SidePanel.Trends] = _trends,
        };
        Add(_header, _caption, _summary, _grid, _host, _legend, _log, _details, _features, _migration, _counters, _trends, _help, _tooSmall, _status);
        if (_versus is not null)
        {
            Add(_versus);
        }

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
        _bindings.Add(visualizer.EventLog.Visible.Changes.Skip(1).Merge(visualizer.LegendVisible.Changes.Skip(1)).Subscribe(_ => Relayout(force: true)));
        ViewportChanged += (_, _) => Relayout(force: false);
        Relayout(force: false);
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

    private void Relayout(bool force)
    {
        Size size = Viewport.Size;
        if (size == _laidOutFor && !force)
        {
            return;
        }

        _laidOutFor = size;
        ScreenLayout layout = ScreenLayout.For(size.Width, size.Height, _visualizer.EventLog.Visible.Value, _visualizer.LegendVisible.Value, LegendView.RowsNeeded, _visualizer.Demo ? CaptionView.Rows : 0);
        _layout = layout;
        _tooSmall.Visible = !layout.Fits;
        Place(_tooSmall, new Rectangle(0, 0, size.Width, Math.Max(1, size.Height)));
        Place(_status, layout.Status);
        _status.Visible = layout.Fits;
        if (!layout.Fits)
        {
            foreach (View view in _dashboard)
            {
                view.Visible = false;
            }

            _help.Visible = false;
            return;
        }

        Place(_header, layout.Header);
        Place(_caption, layout.Caption);
        Place(_summary, layout.SummaryRow);
        Place(_grid, layout.Grid);
        Place(_host, layout.Grid);
        _visualizer.LayoutHost(layout.Grid.Width);
        Place(_legend, layout.Legend);
        Place(_log, layout.Log);
        foreach ((SidePanel panel, TextPanel view) in _sidePanels)
        {
            Place(view, layout.Panels[panel]);
        }

        Place(_help, new Rectangle(0, 0, size.Width, size.Height - 1));
        if (_versus is not null)
        {
            // Side by side: each guest's grid is half the width, under its name and figures, and shows the same pages.
            Place(_versus, layout.Grid);
            _versus.PlaceParts(layout.Grid.Size);
            _visualizer.LayoutGrid(new GridLayout(VersusView.GridWidth(layout.Grid.Width), Math.Max(1, layout.Grid.Height - VersusView.HeadRows), !_visualizer.Theme.Value.Glyphs));
        }
        else
        {
            _visualizer.LayoutGrid(new GridLayout(layout.Grid.Width, layout.Grid.Height, !_visualizer.Theme.Value.Glyphs));
        }

        Render();
    }

    /// <summary>Redraws once the message has gone stale, so it leaves the status bar even while no frames arrive (paused).</summary>
    private void ClearMessageLater() =>
        App?.AddTimeout(VisualizerViewModel.MessageLifetime + TimeSpan.FromMilliseconds(100), () =>
        {
            Render();
            return false;
        });

    private static void Place(View view, Rectangle place) => Placement.Place(view, place);

    /// <summary>Whether <paramref name="view"/> has a place in the current layout.</summary>
    private bool Placed(View view) => _layout is { } layout && view switch
    {
        _ when view == _versus => true,
        _ when view == _host => ShowingHost,
        _ when view == _grid => !ShowingHost && _versus is null,
        _ when view == _summary => layout.Summary,
        _ when view == _caption => !layout.Caption.IsEmpty,
        _ when view == _legend => !layout.Legend.IsEmpty,
        _ when view == _log => !layout.Log.IsEmpty,
        TextPanel panel when _sidePanels.ContainsValue(panel) => !layout.Panels[_sidePanels.First(p => p.Value == panel).Key].IsEmpty,
        _ => true,
    };

    /// <summary>Whether the host view shows in the grid's place (several guests, and the user chose it).</summary>
    private bool ShowingHost => _visualizer.HostView.Value && _visualizer.Frame.Value?.Host is not null;

    private void Render()
    {
        bool fits = !_tooSmall.Visible;
        bool help = _visualizer.HelpVisible.Value;
        _help.Visible = fits && help;
        // The help scrolls no further than its last row: the view model's value is kept within what the screen shows.
        int helpRows = Math.Max(1, Viewport.Height - 1);
        int helpEnd = Math.Max(0, _help.RowsNeeded(Viewport.Width) - helpRows + 1);
        if (_visualizer.HelpScroll.Value > helpEnd)
        {
            _visualizer.HelpScroll.Value = helpEnd;
        }

        _help.ScrollTo(_visualizer.HelpScroll.Value);
        foreach (View view in _dashboard)
        {
            view.Visible = fits && !help && Placed(view);
        }

        StatusMessage? message = _visualizer.Message;
        int hintRoom = Viewport.Width - (message is null ? 0 : message.Text.Length + 2);
        _status.SetText(_visualizer.Keys.StatusHints(Math.Max(0, hintRoom)), message?.Text ?? string.Empty, message?.Warning == true);
        if (_visualizer.Frame.Value is not { } frame)
        {
            _header.SetText("balloonviz  starting the simulation...", string.Empty);
            return;
        }

        string speed = frame.Paused ? "PAUSED" : frame.Speed.ToString();
        string right = _layout is { SidePanels: false } ? $"panels need {PanelColumns} columns · {speed}" : speed;
        _header.SetText(HeaderText(frame, Viewport.Width - right.Length - 2), right);
        _summary.SetText(PanelText.Summary(frame, Viewport.Width), string.Empty);
        _caption.Show(frame.Scenario, frame.Counts.TimeNs);
        _grid.Show(frame.Grid, _visualizer.Navigator.Cursor);
        if (frame.Versus.Length == 2)
        {
            _versus?.Show(frame.Versus, _visualizer.Navigator.Cursor);
        }

        if (frame.Host is { } host)
        {
            _host.Show(host, frame.Guest);
        }

        _details.SetLines(PanelText.Details(frame));
        string? pointOut = frame.Scenario?.LastAction is { } step && frame.Counts.TimeNs - step.TimeNs < CaptionView.PointOutNs ? step.Text : null;
        IReadOnlyList<PanelLine> features = PanelText.Features(frame, _visualizer.Keys.Shortcut);
        _features.SetLines(pointOut is null ? features : PanelText.PointOut(features, pointOut, PanelText.FeatureLinesOf));
        _counters.SetLines(PanelText.Counters(frame));
        int sideWidth = _layout?.PanelWidth ?? ScreenLayout.SideWidth;
        IReadOnlyList<PanelLine> migration = PanelText.Migration(frame, sideWidth - 2);
        _migration.SetLines(pointOut is null ? migration : PanelText.PointOut(migration, pointOut, PanelText.MigrationLinesOf));
        _trends.SetLines(PanelText.Trends(frame, sideWidth));
        _log.SetNeedsDraw();
    }

    /// <summary>The header: the most important facts first; those that do not fit in <paramref name="width"/> are left out.</summary>
    private string HeaderText(SimFrame frame, int width)
    {
        GridWindow window = frame.Grid.Window;
        double perCell = window.PageCount / (double)window.Cells;
        string first = frame.Host is { } host
            ? ShowingHost ? $"balloonviz  host view · {host.Guests.Length} guests" : $"balloonviz  {host.Guests[frame.Guest].Name} of {host.Guests.Length} · {PanelText.Bytes(frame.Counts.TotalPages)}"
            : $"balloonviz  {PanelText.Bytes(frame.Counts.TotalPages)} guest";
        string[] parts =
        [
            first,
            frame.Host is { } shown && ShowingHost ? $"panels: {shown.Guests[frame.Guest].Name}" : string.Empty,
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
        _host.SetTheme(theme);
        _header.SetTheme(theme);
        _caption.SetTheme(theme);
        _versus?.SetTheme(theme);
        _summary.SetTheme(theme);
        _status.SetTheme(theme);
        ((TooSmallView)_tooSmall).SetTheme(theme);
        foreach (TextPanel panel in _sidePanels.Values)
        {
            panel.SetTheme(theme);
        }

        ApplyScheme();
        Relayout(force: true);
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
