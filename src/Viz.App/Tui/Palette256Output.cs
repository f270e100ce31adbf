using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Time;
using Viz.App.Tui.Themes;

using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Viz.App.Tui;

/// <summary>
/// Terminal.Gui's ANSI output for terminals with the xterm 256-colour palette and no 24-bit colour. Terminal.Gui 2.5
/// writes colours either as 24-bit SGR (38;2;R;G;B) or as the 16 named colours, never as palette indices; a terminal
/// that lacks 24-bit colour shows those codes wrongly or not at all. This writes each colour as its palette index
/// (38;5;N, 48;5;N) instead, and leaves everything else Terminal.Gui writes as it is.
/// </summary>
public sealed partial class Palette256Output(AppModel model) : AnsiOutput(model)
{
    /// <summary>
    /// A Terminal.Gui application that writes through this output, or null when this Terminal.Gui has no way to give it
    /// one. Terminal.Gui 2.5 picks its output by driver name from a fixed list; only its internal constructor that
    /// takes a component factory (the one its own tests use) lets an application bring its own. ColourDepthTests
    /// checks that this still works with the Terminal.Gui the app is built with.
    /// </summary>
    public static IApplication? CreateApplication()
    {
        ConstructorInfo? constructor = typeof(Application).Assembly.GetType("Terminal.Gui.App.ApplicationImpl")
            ?.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(IComponentFactory), typeof(ITimeProvider)]);
        // The factory is given the output (rather than making it) so that it sets up the terminal size query as it does
        // for its own output.
        var factory = new AnsiComponentFactory(input: null, output: new Palette256Output(AppModel.FullScreen), sizeMonitor: null);
        return constructor?.Invoke([factory, new SystemTimeProvider()]) as IApplication;
    }

    /// <summary>Rewrites every 24-bit colour code in <paramref name="sgr"/> as the nearest xterm palette index.</summary>
    public static string ToPaletteCodes(string sgr)
    {
        ArgumentNullException.ThrowIfNull(sgr);
        return TrueColourCode().Replace(sgr, match =>
        {
            var colour = new Color(int.Parse(match.Groups[2].ValueSpan, provider: null), int.Parse(match.Groups[3].ValueSpan, provider: null), int.Parse(match.Groups[4].ValueSpan, provider: null));
            return $"{match.Groups[1].Value};5;{TerminalPalette.Xterm256Index(colour)}";
        });
    }

    /// <inheritdoc/>
    protected override void AppendOrWriteAttribute(StringBuilder output, Attribute attr, TextStyle redrawTextStyle)
    {
        ArgumentNullException.ThrowIfNull(output);
        var codes = new StringBuilder();
        base.AppendOrWriteAttribute(codes, attr, redrawTextStyle);
        output.Append(ToPaletteCodes(codes.ToString()));
    }

    [GeneratedRegex(@"\b(38|48);2;(\d{1,3});(\d{1,3});(\d{1,3})")]
    private static partial Regex TrueColourCode();
}
