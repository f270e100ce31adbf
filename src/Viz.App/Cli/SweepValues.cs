using System.Globalization;
using System.Text.RegularExpressions;
using Viz.App.Common;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// The values a sweep gives one option: a comma-separated list whose items may be ranges. A range is
/// <c>FROM..TO</c> (step 1), <c>FROM..TO+STEP</c> (adding STEP) or <c>FROM..TO*FACTOR</c> (multiplying), over the last
/// number in FROM with its unit: <c>1GiB..256GiB*2</c>, <c>freed:10%..90%+20%</c>, <c>1..5</c>. An item that starts
/// with NAME= belongs to the item before it, so <c>build,work=20m</c> stays one workload.
/// </summary>
public static partial class SweepValues
{
    /// <summary>More values than this from one option is a typing mistake, not a sweep.</summary>
    public const int MaxValuesPerOption = 10_000;

    /// <summary>Expands <paramref name="text"/> into its values, in order; a bad range is a usage error naming the option.</summary>
    public static IReadOnlyList<string> Expand(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<string> values = [];
        foreach (string item in Items(text))
        {
            values.AddRange(item.Contains("..", StringComparison.Ordinal) ? Range(option, item) : [item]);
            if (values.Count > MaxValuesPerOption)
            {
                throw new UsageException($"{option} {Quoting.Quote(text)}: more than {MaxValuesPerOption:N0} values");
            }
        }

        return values;
    }

    /// <summary>The comma-separated items, with NAME=VALUE items joined to the item before them.</summary>
    private static List<string> Items(string text)
    {
        List<string> items = [];
        foreach (string part in text.Split(','))
        {
            if (items.Count > 0 && OptionOfItem().IsMatch(part))
            {
                items[^1] += "," + part;
            }
            else
            {
                items.Add(part.Trim());
            }
        }

        return items;
    }

    private static List<string> Range(string option, string item)
    {
        string Problem(string what) =>
            $"{option} {Quoting.Quote(item)}: {what} (a range is FROM..TO, FROM..TO+STEP or FROM..TO*FACTOR, e.g. 1GiB..64GiB*2 or freed:10%..90%+20%)";
        int dots = item.IndexOf("..", StringComparison.Ordinal);
        // The NAME=VALUE items that belong to a range (8GiB:freed:0%..80%+40%,reporting=on) follow every value.
        int options = item.IndexOf(',', dots);
        string suffix = options < 0 ? string.Empty : item[options..];
        Match from = NumberWithUnit().Match(item[..dots]);
        Match to = RangeEnd().Match(options < 0 ? item[(dots + 2)..] : item[(dots + 2)..options]);
        if (!from.Success || !to.Success)
        {
            throw new UsageException(Problem("not a range"));
        }

        string prefix = from.Groups["prefix"].Value;
        string unit = from.Groups["unit"].Value;
        decimal first = Number(from.Groups["number"].Value);
        decimal last = Number(to.Groups["number"].Value);
        if (to.Groups["unit"].Value is { Length: > 0 } toUnit && toUnit != unit)
        {
            throw new UsageException(Problem($"FROM is in {Unit(unit)} and TO in {Unit(toUnit)}"));
        }

        if (to.Groups["stepUnit"].Value is { Length: > 0 } stepUnit && (stepUnit != unit || to.Groups["op"].Value == "*"))
        {
            throw new UsageException(Problem($"the step is in {Unit(stepUnit)}, the range in {Unit(unit)}"));
        }

        if (last < first)
        {
            throw new UsageException(Problem("TO is smaller than FROM"));
        }

        bool multiply = to.Groups["op"].Value == "*";
        decimal step = to.Groups["step"].Success ? Number(to.Groups["step"].Value) : 1;
        if (multiply ? step <= 1 || first <= 0 : step <= 0)
        {
            throw new UsageException(Problem(multiply ? "a FACTOR must be above 1 and FROM above 0" : "a STEP must be above 0"));
        }

        var values = new List<string>();
        for (decimal value = first; value <= last; value = multiply ? value * step : value + step)
        {
            values.Add(prefix + value.ToString("0.##########", CultureInfo.InvariantCulture) + unit + suffix);
            if (values.Count > MaxValuesPerOption)
            {
                throw new UsageException(Problem($"more than {MaxValuesPerOption:N0} values"));
            }
        }

        return values;
    }

    private static string Unit(string unit) => unit.Length == 0 ? "no unit" : unit;

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]*=")]
    private static partial Regex OptionOfItem();

    /// <summary>A value as a prefix, its last number and that number's unit: <c>freed:</c>, <c>80</c>, <c>%</c>.</summary>
    [GeneratedRegex(@"^(?<prefix>.*?)(?<number>\d+(\.\d+)?)(?<unit>[A-Za-z%/]*)$")]
    internal static partial Regex NumberWithUnit();

    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?)(?<unit>[A-Za-z%/]*)((?<op>[*+])(?<step>\d+(\.\d+)?)(?<stepUnit>[A-Za-z%/]*))?$")]
    private static partial Regex RangeEnd();
}
