using System.Text.Json;
using System.Text.Json.Serialization;

namespace Viz.App.Cli;

/// <summary>How every command writes JSON: camelCase names, enums as strings, indented.</summary>
public static class JsonOutput
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes <paramref name="value"/> as one JSON object and a newline.</summary>
    public static void Write<T>(TextWriter output, T value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(value, Options));
    }
}
