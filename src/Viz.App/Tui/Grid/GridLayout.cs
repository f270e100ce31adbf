namespace Viz.App.Tui.Grid;

/// <summary>
/// How grid cells map onto characters. With half blocks each character shows two cells, one above the other (cell
/// rows 2y and 2y+1 in character row y); with glyphs each character shows one. Cells are numbered row by row.
/// </summary>
/// <param name="Columns">Characters across.</param>
/// <param name="Rows">Characters down.</param>
/// <param name="HalfBlocks">Two cell rows per character row.</param>
public readonly record struct GridLayout(int Columns, int Rows, bool HalfBlocks)
{
    /// <summary>Cell rows: twice the character rows with half blocks.</summary>
    public int CellRows => HalfBlocks ? Rows * 2 : Rows;

    /// <summary>Cells in all.</summary>
    public int Cells => Columns * CellRows;

    /// <summary>The cell at column <paramref name="column"/>, cell row <paramref name="cellRow"/>.</summary>
    public int CellAt(int column, int cellRow) => (cellRow * Columns) + column;

    /// <summary>The cell a click on character (<paramref name="column"/>, <paramref name="row"/>) selects: the upper one of a half block.</summary>
    public int CellAtCharacter(int column, int row) => CellAt(column, HalfBlocks ? row * 2 : row);
}
