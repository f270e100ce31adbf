using Terminal.Gui.ViewBase;
using Viz.App.Tui.Themes;

namespace Viz.App.Tui.Views;

/// <summary>A view that draws with the current theme and redraws when the theme changes.</summary>
public abstract class ThemedView : View
{
    private Theme _theme;

    /// <summary>A view drawing with <paramref name="theme"/>.</summary>
    protected ThemedView(Theme theme)
    {
        _theme = theme ?? throw new ArgumentNullException(nameof(theme));
    }

    /// <summary>The theme it draws with.</summary>
    protected Theme Theme => _theme;

    /// <summary>Draws with <paramref name="theme"/> from now on.</summary>
    public void SetTheme(Theme theme)
    {
        _theme = theme ?? throw new ArgumentNullException(nameof(theme));
        SetNeedsDraw();
    }
}
