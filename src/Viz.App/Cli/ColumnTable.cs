namespace Viz.App.Cli;

/// <summary>Writes rows of values under a header as aligned columns, each right-aligned so that numbers line up.</summary>
public static class ColumnTable
{
    /// <summary>Writes the header and the rows; every row has one value per header.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        List<IReadOnlyList<string>> lines = [header, .. rows];
        int[] widths = [.. Enumerable.Range(0, header.Count).Select(column => lines.Max(line => line[column].Length))];
        foreach (IReadOnlyList<string> line in lines)
        {
            output.WriteLine(string.Join("  ", line.Select((value, column) => value.PadLeft(widths[column]))));
        }
    }
}
