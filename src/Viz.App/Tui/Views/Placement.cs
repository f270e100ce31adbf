using System.Drawing;
using Terminal.Gui.ViewBase;

namespace Viz.App.Tui.Views;

/// <summary>Puts a view at a rectangle of its parent's screen, as a layout computed it.</summary>
public static class Placement
{
    /// <summary>Moves and sizes <paramref name="view"/> to <paramref name="place"/> (an empty size stays empty).</summary>
    public static void Place(View view, Rectangle place)
    {
        ArgumentNullException.ThrowIfNull(view);
        view.X = place.X;
        view.Y = place.Y;
        view.Width = Math.Max(0, place.Width);
        view.Height = Math.Max(0, place.Height);
    }
}
