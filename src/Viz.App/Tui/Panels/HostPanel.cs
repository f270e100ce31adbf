using System.Globalization;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Viz.App.Tui.Themes;
using Viz.App.Tui.Views;
using Viz.Pipeline;
using Viz.Simulation.Memory;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui.Panels;

/// <summary>
/// The host view when several guests share a host: the host's memory as one bar (each guest's RSS in its own colour,
/// what is free, and at its end the guests' pages in swap), a line with the swap and its I/O, and for each guest a line
/// — its number, name, size, workload, RSS, swap, progress, balloon and features — over a one-row grid of the guest.
/// </summary>
public sealed class HostPanel : ThemedView
{
    /// <summary>The colours guests take in turn: the grid's most distinct states.</summary>
    private static readonly CellState[] GuestColours =
        [CellState.Allocated, CellState.Reported, CellState.Hinted, CellState.Poisoned, CellState.Ballooned, CellState.Dirty, CellState.Kernel, CellState.Reporting];

    private HostFrame? _host;
    private int _selected;

    /// <summary>A panel drawing with <paramref name="theme"/>.</summary>
    public HostPanel(Theme theme)
        : base(theme)
    {
        CanFocus = false;
    }

    /// <summary>Rows a guest takes: its line and its grid.</summary>
    public const int RowsPerGuest = 2;

    /// <summary>Rows above the guests: the heading, the memory bar, the swap line and a blank.</summary>
    public const int HeaderRows = 4;

    /// <summary>Shows <paramref name="host"/>, with guest <paramref name="selected"/> marked.</summary>
    public void Show(HostFrame host, int selected)
    {
        _host = host;
        _selected = selected;
        SetNeedsDraw();
    }

    /// <inheritdoc/>
    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        int height = Viewport.Height;
        Clear(width, height);
        if (_host is not { } host || width < 10)
        {
            return true;
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        long free = host.FreePages;
        string swap = host.SwapCapacityPages is long cap ? $"{PanelText.Bytes(host.SwappedPages)} of {PanelText.Bytes(cap)}" : PanelText.Bytes(host.SwappedPages);
        Write(0, 0, $"host {PanelText.Bytes(host.CapacityPages)} · free {(free >= 0 ? PanelText.Bytes(free) : "none (swap full)")} · balloons {host.BalloonPolicy}", Theme.Ui.Heading, width);
        MemoryBar(1, host, width);
        SwapLine(2, host, width, string.Create(c, $"in swap {swap} (the bar's end) · swapping out {PanelText.Bytes((long)host.SwapOutPerSecond)}/s, in {PanelText.Bytes((long)host.SwapInPerSecond)}/s"));
        int row = HeaderRows;
        for (int i = 0; i < host.Guests.Length && row + RowsPerGuest <= height; i++, row += RowsPerGuest)
        {
            HostGuestFrame guest = host.Guests[i];
            string where = guest.OnHost ? $"RSS {PanelText.Bytes(guest.ResidentPages)} · swap {PanelText.Bytes(guest.SwappedPages)}" : "migrated away";
            string line = $"{(i == _selected ? '>' : ' ')}{i + 1} {guest.Name} {PanelText.Bytes(guest.TotalPages)} {guest.Workload} · {where} · {guest.Progress} · balloon {PanelText.Bytes(guest.BalloonPages)} · {guest.Features}";
            Move(0, row);
            SetAttribute(new Attribute(Theme.ColourOf(ColourOf(i)), Theme.Ui.Background, TextStyle.Bold));
            AddStr("■");
            Write(1, row, line, i == _selected ? Theme.Ui.Heading : Theme.Ui.Text, width - 1);
            GridRow(row + 1, guest.Grid, width);
        }

        int shown = Math.Max(0, (height - HeaderRows) / RowsPerGuest);
        if (host.Guests.Length > shown && height > HeaderRows)
        {
            Write(0, height - 1, $"+{host.Guests.Length - shown} more guests: Tab or their number shows each", Theme.Ui.Warning, width);
        }

        return true;
    }

    private static CellState ColourOf(int guest) => GuestColours[guest % GuestColours.Length];

    /// <summary>
    /// The host's memory and what spilled out of it as one bar: each guest's RSS in its colour, then the free memory,
    /// then the guests' pages in swap (the bar spans the memory plus the swap used, so a full host still shows its
    /// overflow).
    /// </summary>
    private void MemoryBar(int row, HostFrame host, int width)
    {
        long resident = host.Guests.Where(g => g.OnHost).Sum(g => g.ResidentPages);
        double total = Math.Max(1, Math.Max(host.CapacityPages, resident) + host.SwappedPages);
        int column = 0;
        Move(0, row);
        for (int i = 0; i < host.Guests.Length; i++)
        {
            if (host.Guests[i].OnHost)
            {
                Bar(ref column, Math.Min((int)Math.Round(host.Guests[i].ResidentPages * width / total), width - column), ColourOf(i), (i + 1).ToString(CultureInfo.InvariantCulture));
            }
        }

        int swapped = (int)Math.Round(host.SwappedPages * width / total);
        Bar(ref column, Math.Max(0, width - column - swapped), CellState.FreeUnbacked, ".");
        Bar(ref column, width - column, CellState.Dirty, "s");
    }

    private void SwapLine(int row, HostFrame host, int width, string label)
    {
        Move(0, row);
        int column = 0;
        Bar(ref column, host.SwappedPages > 0 ? 1 : 0, CellState.Dirty, "s");
        Write(column, row, (column > 0 ? " " : string.Empty) + label, Theme.Ui.Text, width - column);
    }

    private void Bar(ref int column, int cells, CellState state, string glyph)
    {
        if (cells <= 0)
        {
            return;
        }

        SetAttribute(Theme.Glyphs ? new Attribute(Theme.ColourOf(state), Theme.Ui.Background) : new Attribute(Theme.Ui.Foreground, Theme.ColourOf(state)));
        AddStr(new string(Theme.Glyphs ? glyph[0] : ' ', cells));
        column += cells;
    }

    private void GridRow(int row, GridFrame grid, int width)
    {
        Move(0, row);
        int cells = Math.Min(width, grid.States.Length);
        for (int cell = 0; cell < cells; cell++)
        {
            CellState state = grid.States[cell];
            SetAttribute(Theme.Glyphs ? new Attribute(Theme.ColourOf(state), Theme.Ui.Background) : new Attribute(Theme.Ui.Foreground, Theme.ColourOf(state)));
            AddStr(Theme.Glyphs ? Theme.GlyphOf(state) : " ");
        }
    }

    private void Write(int column, int row, string text, Attribute attribute, int room)
    {
        if (room <= 0)
        {
            return;
        }

        Move(column, row);
        SetAttribute(attribute);
        AddStr(text.Length > room ? text[..room] : text);
    }

    private void Clear(int width, int height)
    {
        SetAttribute(Theme.Ui.Text);
        for (int row = 0; row < height; row++)
        {
            Move(0, row);
            AddStr(new string(' ', width));
        }
    }
}
