using System.Globalization;
using Terminal.Gui.ViewBase;
using Viz.App.Tui.Themes;
using Viz.App.Tui.Views;
using Viz.Pipeline;
using Viz.Simulation.Units;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui;

/// <summary>
/// A demo's caption bar, across the screen under the header: the chapter and where the demo is on its first row, the
/// caption on the rows below in a bold band of the accent colour (readable from the back of a room), and the step that
/// just happened pointed out for a few seconds of simulated time.
/// </summary>
public sealed class CaptionView : ThemedView
{
    /// <summary>The rows the bar takes: the chapter line and two of caption.</summary>
    public const int Rows = 3;

    /// <summary>How long after a step its command stays pointed out (simulated time).</summary>
    public const long PointOutNs = 3 * SimDuration.NsPerSecond;

    private ScenarioFrame? _scenario;
    private long _nowNs;

    /// <summary>A caption bar drawn with <paramref name="theme"/>.</summary>
    public CaptionView(Theme theme)
        : base(theme)
    {
        CanFocus = false;
    }

    /// <summary>Shows the scenario of a frame taken at simulated time <paramref name="nowNs"/>.</summary>
    public void Show(ScenarioFrame? scenario, long nowNs)
    {
        if (scenario != _scenario || (scenario?.LastAction is { } last && (nowNs - last.TimeNs < PointOutNs) != (_nowNs - last.TimeNs < PointOutNs)))
        {
            _scenario = scenario;
            _nowNs = nowNs;
            SetNeedsDraw();
        }

        _nowNs = nowNs;
    }

    /// <summary>The first row's two parts: the chapter, and what the demo does now (waits, runs slowly, checked).</summary>
    public static (string Left, string Right) HeadLine(ScenarioFrame scenario, long nowNs)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        string chapter = scenario.Chapter is string name
            ? string.Create(CultureInfo.InvariantCulture, $"{scenario.ChapterNumber}/{scenario.Chapters}  {name}")
            : scenario.Title;
        string right = scenario.HashMatches is bool matches ? (matches ? "replayed: the final state hash is the recorded one" : "REPLAY DIFFERS: the final state hash is not the recorded one")
            : scenario.WaitingAtChapter ? $"space or → : {scenario.NextChapter ?? "go on"}"
            : scenario.LastAction is { } action && nowNs - action.TimeNs < PointOutNs ? $"▶ {action.Text}"
            : scenario.SlowMotion ? "slow motion: the migration's first pass"
            : scenario.LastCheck is { } check ? $"{(check.Passed ? "✓" : "✗")} {check.Text}: {check.Actual}"
            : scenario.Done ? $"done: {scenario.Checks.Made - scenario.Checks.Failed} of {scenario.Checks.Made} checks passed"
            : string.Empty;
        return (chapter, right);
    }

    /// <inheritdoc/>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        Attribute heading = Theme.Ui.Heading;
        Attribute band = Theme.Ui.Caption;
        if (_scenario is not ScenarioFrame scenario)
        {
            return true;
        }

        (string left, string right) = HeadLine(scenario, _nowNs);
        right = right.Length > width / 2 ? right[..(width / 2)] : right;
        string head = left.Length > width - right.Length - 2 ? left[..Math.Max(0, width - right.Length - 2)] : left;
        Move(0, 0);
        SetAttribute(heading);
        AddStr(head.PadRight(width - right.Length));
        SetAttribute(scenario.WaitingAtChapter || right.StartsWith('▶') ? band : heading);
        AddStr(right);
        List<string> lines = TextWrap.Words(scenario.Caption ?? string.Empty, Math.Max(1, width - 2));
        for (int row = 1; row < Rows; row++)
        {
            Move(0, row);
            SetAttribute(band);
            string text = row - 1 < lines.Count ? lines[row - 1] : string.Empty;
            if (row == Rows - 1 && lines.Count > Rows - 1)
            {
                text = text.Length >= width - 3 ? text[..Math.Max(0, width - 3)] + "…" : text + "…";
            }

            AddStr((" " + text).PadRight(width)[..width]);
        }

        return true;
    }
}
