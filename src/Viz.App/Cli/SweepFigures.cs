using System.Globalization;
using System.Text.Json.Nodes;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>What a figure's number is.</summary>
public enum FigureUnit
{
    /// <summary>Milliseconds.</summary>
    Ms,

    /// <summary>Bytes (shown and plotted in GiB).</summary>
    Bytes,

    /// <summary>A share from 0 to 1 (shown as a percentage).</summary>
    Share,

    /// <summary>A plain number.</summary>
    Number,
}

/// <summary>
/// One number in a command's JSON: a dotted path (<c>legacy.totalTimeMs</c>), the sum of an array
/// (<c>sum(host.guestRssBytes)</c>), or the first of several paths present (<c>a|b</c>, for compare's migrations and
/// ping-pongs).
/// </summary>
/// <param name="Label">The column's or the axis's name.</param>
/// <param name="Unit">What the number is.</param>
/// <param name="Path">Where it is in the JSON.</param>
public sealed record SweepFigure(string Label, FigureUnit Unit, string Path)
{
    /// <summary>The number in <paramref name="result"/>; null when it has none there.</summary>
    public double? Read(JsonObject result)
    {
        foreach (string path in Path.Split('|'))
        {
            bool sum = path.StartsWith("sum(", StringComparison.Ordinal);
            JsonNode? node = result;
            foreach (string part in (sum ? path[4..^1] : path).Split('.'))
            {
                node = node is JsonObject json ? json[part] : null;
            }

            double? value = sum && node is JsonArray items
                ? items.Sum(item => Number(item) ?? 0)
                : Number(node);
            if (value is not null)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The number as a table shows it: ms with one decimal, bytes in binary units, a share in percent.</summary>
    public string Format(double? value) => value is not double v ? "—" : Unit switch
    {
        FigureUnit.Ms => v.ToString("0.0", CultureInfo.InvariantCulture),
        FigureUnit.Bytes => ByteSize.Format((long)v),
        FigureUnit.Share => v.ToString("0.0%", CultureInfo.InvariantCulture),
        _ => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static double? Number(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue(out double number) => number,
        JsonValue value when value.TryGetValue(out bool flag) => flag ? 1 : 0,
        _ => null,
    };
}

/// <summary>One line of a plot: a name (a feature set, such as legacy or hinting) and the figure it draws.</summary>
/// <param name="Name">The line's name in the legend; empty when the command gives one line only.</param>
/// <param name="Figure">What it draws.</param>
public sealed record SweepSeries(string Name, SweepFigure Figure);

/// <summary>One panel of a plot: the quantity on its y axis and the lines drawn in it.</summary>
/// <param name="Quantity">The y axis's name, without the unit.</param>
/// <param name="Unit">The unit of every line in it.</param>
/// <param name="Series">Its lines.</param>
public sealed record SweepPanel(string Quantity, FigureUnit Unit, IReadOnlyList<SweepSeries> Series);

/// <summary>What each command's sweep shows: the table's figures and the plot's panels.</summary>
public static class SweepFigures
{
    // Where the figures both the table and the plot show are in each command's JSON (compare and migrate: a
    // migration's, or a ping-pong's means).
    private const string LegacyTime = "legacy.totalTimeMs|legacy.meanTotalTimeMs";
    private const string HintingTime = "hinting.totalTimeMs|hinting.meanTotalTimeMs";
    private const string LegacyBytes = "legacy.bytesTransferred";
    private const string HintingBytes = "hinting.bytesTransferred";
    private const string MigrationTime = "totalTimeMs|meanTotalTimeMs";
    private const string MigrationBytes = "bytesTransferred";
    private const string HostRss = "hostRssBytes";
    private const string GuestsRss = "sum(host.guestRssBytes)";
    private const string SwapUsed = "host.swapUsedBytes";

    /// <summary>The commands a sweep can run.</summary>
    public static IReadOnlyList<string> Commands { get; } = ["compare", "migrate", "run", "host"];

    /// <summary>The figures in the table of a sweep of <paramref name="command"/>.</summary>
    public static IReadOnlyList<SweepFigure> Table(string command) => command switch
    {
        "compare" =>
        [
            new("free at start", FigureUnit.Share, "legacy.freeShareAtStart|legacy.meanFreeShareAtStart"),
            new("legacy ms", FigureUnit.Ms, LegacyTime),
            new("hinting ms", FigureUnit.Ms, HintingTime),
            new("time ratio", FigureUnit.Number, "timeRatio|completionRatio"),
            new("legacy bytes", FigureUnit.Bytes, LegacyBytes),
            new("hinting bytes", FigureUnit.Bytes, HintingBytes),
        ],
        "migrate" =>
        [
            new("free at start", FigureUnit.Share, "freeShareAtStart|meanFreeShareAtStart"),
            new("time ms", FigureUnit.Ms, MigrationTime),
            new("downtime ms", FigureUnit.Ms, "downtimeMs|meanDowntimeMs"),
            new("bytes", FigureUnit.Bytes, MigrationBytes),
            new("skipped by hints", FigureUnit.Number, "pagesSkippedByHint"),
        ],
        "run" =>
        [
            new("host RSS", FigureUnit.Bytes, HostRss),
            new("reported pages", FigureUnit.Number, "pagesReported"),
            new("swapped pages", FigureUnit.Number, "swappedPages"),
            new("OOM", FigureUnit.Number, "oomEvents"),
        ],
        "host" =>
        [
            new("guests' RSS", FigureUnit.Bytes, GuestsRss),
            new("host free", FigureUnit.Bytes, "host.freeBytes"),
            new("swap used", FigureUnit.Bytes, SwapUsed),
            new("swapped out pages", FigureUnit.Number, "host.pagesSwappedOut"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a command a sweep runs"),
    };

    /// <summary>The panels of the plot of a sweep of <paramref name="command"/>.</summary>
    public static IReadOnlyList<SweepPanel> Panels(string command) => command switch
    {
        "compare" =>
        [
            new("migration time", FigureUnit.Ms,
            [
                new("legacy", new("legacy", FigureUnit.Ms, LegacyTime)),
                new("hinting", new("hinting", FigureUnit.Ms, HintingTime)),
            ]),
            new("bytes transferred", FigureUnit.Bytes,
            [
                new("legacy", new("legacy", FigureUnit.Bytes, LegacyBytes)),
                new("hinting", new("hinting", FigureUnit.Bytes, HintingBytes)),
            ]),
        ],
        "migrate" =>
        [
            new("migration time", FigureUnit.Ms, [new(string.Empty, new("time", FigureUnit.Ms, MigrationTime))]),
            new("bytes transferred", FigureUnit.Bytes, [new(string.Empty, new("bytes", FigureUnit.Bytes, MigrationBytes))]),
        ],
        "run" =>
        [
            new("host RSS at the end", FigureUnit.Bytes, [new(string.Empty, new("host RSS", FigureUnit.Bytes, HostRss))]),
        ],
        "host" =>
        [
            new("host memory holding the guests", FigureUnit.Bytes, [new(string.Empty, new("guests' RSS", FigureUnit.Bytes, GuestsRss))]),
            new("swap used", FigureUnit.Bytes, [new(string.Empty, new("swap used", FigureUnit.Bytes, SwapUsed))]),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a command a sweep runs"),
    };
}
