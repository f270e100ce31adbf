using System.Text.Json;
using System.Text.Json.Nodes;

namespace Viz.App.Cli;

/// <summary>One point's line in a sweep's results: the point, its options, its command line and the command's JSON.</summary>
/// <param name="Point">The point's number in its sweep.</param>
/// <param name="Command">The command it ran.</param>
/// <param name="Options">Each option's value.</param>
/// <param name="Args">The command line it ran (without --json).</param>
/// <param name="Result">What the command printed with --json.</param>
public sealed record SweepRecord(int Point, string Command, IReadOnlyDictionary<string, string> Options, IReadOnlyList<string> Args, JsonObject Result)
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>The identity of the point: its command line (see <see cref="SweepPoint.Identity"/>).</summary>
    public string Identity => string.Join('\u001f', Args);

    /// <summary>The record of <paramref name="point"/>, which printed <paramref name="result"/>.</summary>
    public static SweepRecord Of(SweepPoint point, string command, JsonObject result)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new SweepRecord(point.Index, command, point.Options, point.Args, result);
    }

    /// <summary>Reads a record from one JSON line; null when the line is not one.</summary>
    public static SweepRecord? Parse(string line)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }

        if (node is not JsonObject json
            || json["point"] is not JsonValue point || !point.TryGetValue(out int index)
            || json["command"] is not JsonValue command || !command.TryGetValue(out string? name)
            || json["options"] is not JsonObject options
            || json["args"] is not JsonArray args || args.Any(a => a is not JsonValue)
            || json["result"] is not JsonObject result)
        {
            return null;
        }

        return new SweepRecord(
            index,
            name,
            options.ToDictionary(o => o.Key, o => o.Value?.ToString() ?? string.Empty, StringComparer.Ordinal),
            [.. args.Select(a => a!.GetValue<string>())],
            (JsonObject)result.DeepClone());
    }

    /// <summary>The record as one line of JSON (no line break).</summary>
    public string ToJsonLine()
    {
        var options = new JsonObject();
        foreach ((string key, string value) in Options)
        {
            options[key] = value;
        }

        var json = new JsonObject
        {
            ["point"] = Point,
            ["command"] = Command,
            ["options"] = options,
            ["args"] = new JsonArray([.. Args.Select(a => (JsonNode)a)]),
            ["result"] = Result.DeepClone(),
        };
        return json.ToJsonString(Compact);
    }
}
