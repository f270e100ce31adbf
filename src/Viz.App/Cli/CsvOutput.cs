using System.Text.Json;
using System.Text.Json.Nodes;

namespace Viz.App.Cli;

/// <summary>
/// How every command writes CSV (RFC 4180): a header row, then one row per record, comma separated, CRLF line ends, a
/// field quoted when it holds a comma, a quote or a line break. The columns are the record's JSON fields in their JSON
/// order and under their JSON names, a nested object's as "parent.child"; numbers are written as in the JSON
/// (invariant culture, no thousands separators), an array as its items separated by spaces, null as an empty field.
/// </summary>
public static class CsvOutput
{
    private const string LineEnd = "\r\n";

    /// <summary>Writes the records, all of one shape, as one CSV document; the header comes from the first.</summary>
    public static void Write<T>(TextWriter output, IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(output);
        List<List<(string Name, string Value)>> rows = [.. records.Select(record => Cells(JsonSerializer.SerializeToNode(record, JsonOutput.Options)))];
        WriteLine(output, rows[0].Select(cell => cell.Name));
        foreach (List<(string Name, string Value)> row in rows)
        {
            WriteLine(output, row.Select(cell => cell.Value));
        }
    }

    /// <summary>
    /// Writes records that may differ in shape (one holds a nested object where another holds null) as one CSV
    /// document: the header is every column of any record, in the order first seen; a record without a column leaves it empty.
    /// </summary>
    public static void WriteUnion(TextWriter output, IEnumerable<JsonNode> records)
    {
        ArgumentNullException.ThrowIfNull(output);
        List<Dictionary<string, string>> rows = [];
        List<string> header = [];
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonNode record in records)
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach ((string name, string value) in Cells(record))
            {
                row[name] = value;
                if (known.Add(name))
                {
                    header.Add(name);
                }
            }

            rows.Add(row);
        }

        WriteLine(output, header);
        foreach (Dictionary<string, string> row in rows)
        {
            WriteLine(output, header.Select(name => row.GetValueOrDefault(name, string.Empty)));
        }
    }

    /// <summary>One field as RFC 4180 writes it: quoted, with its quotes doubled, when it holds a comma, a quote or a line break.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    private static void WriteLine(TextWriter output, IEnumerable<string> fields) =>
        output.Write(string.Join(',', fields.Select(Field)) + LineEnd);

    private static List<(string Name, string Value)> Cells(JsonNode? record)
    {
        List<(string Name, string Value)> cells = [];
        Flatten(record, string.Empty, cells);
        return cells;
    }

    private static void Flatten(JsonNode? node, string name, List<(string Name, string Value)> cells)
    {
        if (node is JsonObject fields)
        {
            foreach ((string key, JsonNode? value) in fields)
            {
                Flatten(value, name.Length == 0 ? key : $"{name}.{key}", cells);
            }
        }
        else
        {
            cells.Add((name, node is JsonArray items ? string.Join(' ', items.Select(Text)) : Text(node)));
        }
    }

    private static string Text(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
