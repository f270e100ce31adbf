using System.Collections.Immutable;
using Terminal.Gui.Drawing;
using Viz.App.Tui.Grid;
using Viz.App.Tui.Themes;
using Viz.Pipeline;

namespace Viz.App.Tests.Tui;

public class PageGridViewTests
{
    private static GridFrame FrameOf(int cells, params (int Cell, CellState State)[] states)
    {
        var all = new CellState[cells];
        Array.Fill(all, CellState.Allocated);
        foreach ((int cell, CellState state) in states)
        {
            all[cell] = state;
        }

        return new GridFrame(new GridWindow(0, cells * 4, cells), [.. all]);
    }

    [Fact]
    public void Half_blocks_show_the_upper_cell_in_the_foreground_and_the_lower_in_the_background()
    {
        Theme theme = Headless.ShippedThemes()[0];
        var grid = new PageGridView(new GridPalette(theme)) { X = 0, Y = 0, Width = 10, Height = 2 };
        using Headless screen = Headless.View(20, 5, grid);
        grid.Show(FrameOf(40, (0, CellState.Poisoned), (10, CellState.Ballooned), (21, CellState.Hinted), (31, CellState.FreeUnbacked)), cursor: -1);
        screen.Draw();

        Cell first = screen.App.Driver!.Contents![0, 0];
        Assert.Equal(GridPalette.HalfBlock, first.Grapheme);
        Assert.Equal(theme.ColourOf(CellState.Poisoned), first.Attribute!.Value.Foreground);
        Assert.Equal(theme.ColourOf(CellState.Ballooned), first.Attribute!.Value.Background);
        Cell second = screen.App.Driver.Contents[1, 1];
        Assert.Equal(theme.ColourOf(CellState.Hinted), second.Attribute!.Value.Foreground);
        Assert.Equal(theme.ColourOf(CellState.FreeUnbacked), second.Attribute!.Value.Background);
        Assert.Equal(theme.ColourOf(CellState.Allocated), screen.App.Driver.Contents[0, 5].Attribute!.Value.Foreground);
    }

    [Fact]
    public void The_monochrome_theme_tells_states_apart_by_glyph_one_cell_per_character()
    {
        Theme mono = Headless.ShippedThemes().Single(t => t.Name == "mono");
        var grid = new PageGridView(new GridPalette(mono)) { X = 0, Y = 0, Width = 10, Height = 2 };
        using Headless screen = Headless.View(20, 5, grid);
        Assert.Equal(new GridLayout(10, 2, HalfBlocks: false), grid.CurrentLayout);
        grid.Show(FrameOf(20, (0, CellState.Poisoned), (1, CellState.Reported), (10, CellState.Ballooned)), cursor: -1);
        screen.Draw();

        Assert.Equal("x", screen.App.Driver!.Contents![0, 0].Grapheme);
        Assert.Equal("r", screen.App.Driver.Contents[0, 1].Grapheme);
        Assert.Equal("B", screen.App.Driver.Contents[1, 0].Grapheme);
        Assert.Equal("#", screen.App.Driver.Contents[0, 2].Grapheme);
        Assert.Equal(mono.ColourOf(CellState.Poisoned), mono.ColourOf(CellState.Reported));
    }

    [Fact]
    public void The_cursor_paints_its_half_of_the_character_in_the_cursor_colour()
    {
        Theme theme = Headless.ShippedThemes()[0];
        var grid = new PageGridView(new GridPalette(theme)) { X = 0, Y = 0, Width = 10, Height = 2 };
        using Headless screen = Headless.View(20, 5, grid);
        grid.Show(FrameOf(40), cursor: 13);
        screen.Draw();

        Cell cell = screen.App.Driver!.Contents![0, 3];
        Assert.Equal(theme.ColourOf(CellState.Allocated), cell.Attribute!.Value.Foreground);
        Assert.Equal(theme.Ui.Cursor, cell.Attribute!.Value.Background);
    }

    [Fact]
    public void A_changed_frame_rewrites_only_the_changed_characters()
    {
        Theme theme = Headless.ShippedThemes()[0];
        var grid = new PageGridView(new GridPalette(theme)) { X = 0, Y = 0, Width = 10, Height = 2 };
        using Headless screen = Headless.View(20, 5, grid);
        grid.Show(FrameOf(40), cursor: -1);
        screen.Draw();
        grid.Show(FrameOf(40, (5, CellState.Reported)), cursor: -1);
        screen.Draw();

        Assert.Equal(theme.ColourOf(CellState.Reported), screen.App.Driver!.Contents![0, 5].Attribute!.Value.Foreground);
        Assert.Equal(theme.ColourOf(CellState.Allocated), screen.App.Driver.Contents[0, 4].Attribute!.Value.Foreground);
    }

    [Fact]
    public void A_frame_for_another_size_is_not_drawn_into_the_wrong_cells()
    {
        Theme theme = Headless.ShippedThemes()[0];
        var grid = new PageGridView(new GridPalette(theme)) { X = 0, Y = 0, Width = 10, Height = 2 };
        using Headless screen = Headless.View(20, 5, grid);
        grid.Show(new GridFrame(new GridWindow(0, 100, 7), [.. Enumerable.Repeat(CellState.Poisoned, 7)]), cursor: -1);
        screen.Draw();

        Assert.Equal(theme.ColourOf(CellState.Empty), screen.App.Driver!.Contents![0, 0].Attribute!.Value.Foreground);
    }
}
