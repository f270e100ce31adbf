namespace Viz.App.Cli;

/// <summary>Writes name/value rows as two aligned columns.</summary>
public static class TextTable
{
    /// <summary>Writes the rows.</summary>
    public static void Write(TextWriter output, IEnumerable<(string Name, string Value)> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        List<(string Name, string Value)> list = [.. rows];
        int width = list.Max(row => row.Name.Length);
        foreach ((string name, string value) in list)
        {
            output.WriteLine($"{name.PadRight(width)}  {value}");
        }
    }
}
