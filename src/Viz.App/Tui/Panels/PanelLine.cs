using Terminal.Gui.Input;
using Viz.Pipeline;

namespace Viz.App.Tui.Panels;

/// <summary>
/// One line of a side panel: text, optionally led by a colour swatch of a cell state, optionally a warning, optionally
/// clickable: a click acts as the key it names.
/// </summary>
/// <param name="Text">The text.</param>
/// <param name="Swatch">The state whose colour and glyph lead the line, if any.</param>
/// <param name="Warning">Drawn in the theme's error colour.</param>
/// <param name="Click">The key a click on the line presses, if any.</param>
/// <param name="Highlight">Drawn in the demo caption's band: the line a scenario's step just changed.</param>
public sealed record PanelLine(string Text, CellState? Swatch = null, bool Warning = false, Key? Click = null, bool Highlight = false);
