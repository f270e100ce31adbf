using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Viz.App.Common;
using Viz.Simulation.Migration;

namespace Viz.App.Cli;

/// <summary>
/// A migration cost profile as a JSON file (--costs FILE): any of the named costs of <see cref="MigrationCosts"/>,
/// camelCase, each a positive number; the ones left out keep the default profile's value (the seed's host). calibrate
/// writes one.
/// </summary>
public static class CostProfile
{
    /// <summary>The costs a profile may set, by their JSON names.</summary>
    public static IReadOnlyDictionary<string, Func<MigrationCosts, double, MigrationCosts>> Fields { get; } = new Dictionary<string, Func<MigrationCosts, double, MigrationCosts>>
    {
        ["zeroPageNs"] = (c, v) => c with { ZeroPageNs = v },
        ["residentZeroPageNs"] = (c, v) => c with { ResidentZeroPageNs = v },
        ["normalPageNs"] = (c, v) => c with { NormalPageNs = v },
        ["dirtyLogStartNsPerBackedGiB"] = (c, v) => c with { DirtyLogStartNsPerBackedGiB = v },
        ["syncNsPerDirtyPage"] = (c, v) => c with { SyncNsPerDirtyPage = v },
        ["syncNsPerGiB"] = (c, v) => c with { SyncNsPerGiB = v },
        ["setupNs"] = (c, v) => c with { SetupNs = (long)v },
        ["switchoverNs"] = (c, v) => c with { SwitchoverNs = (long)v },
        ["deviceStateBytes"] = (c, v) => c with { DeviceStateBytes = (long)v },
        ["clearChunkNs"] = (c, v) => c with { ClearChunkNs = v },
        [ClearBitmapShiftField] = (c, v) => c with { ClearBitmapShift = (int)v },
    };

    private const string ClearBitmapShiftField = "clearBitmapShift";

    /// <summary>Reads the profile at <paramref name="path"/>; a file that cannot be used is a usage error naming it and the field.</summary>
    public static MigrationCosts Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = InputFile.Named(path);
        JsonObject root = InputFile.ReadJson(path, "cost profile") as JsonObject
            ?? throw new UsageException($"{name}: a cost profile is a JSON object of costs, e.g. {{\"zeroPageNs\": 780}}");

        MigrationCosts costs = MigrationCosts.Default;
        foreach ((string field, JsonNode? value) in root)
        {
            if (field is "description" or "fitted")
            {
                continue;
            }

            if (!Fields.TryGetValue(field, out Func<MigrationCosts, double, MigrationCosts>? set))
            {
                throw new UsageException($"{name}: {field} is not a cost; the costs are {string.Join(", ", Fields.Keys)}");
            }

            if (value is not JsonValue number || !number.TryGetValue(out double v) || !double.IsFinite(v) || v <= 0 || v > 1e12)
            {
                throw new UsageException($"{name}: {field} must be a positive number, not {value?.ToJsonString() ?? "null"}");
            }

            if (field == ClearBitmapShiftField && (v != Math.Floor(v) || v < MigrationCosts.MinClearBitmapShift || v > MigrationCosts.MaxClearBitmapShift))
            {
                throw new UsageException($"{name}: {field} must be a whole number from {MigrationCosts.MinClearBitmapShift} to {MigrationCosts.MaxClearBitmapShift} (lazy clearing; leave it out for eager), not {value.ToJsonString()}");
            }

            costs = set(costs, v);
        }

        return costs;
    }

    /// <summary>The profile of <paramref name="costs"/> as JSON, with a description and the names of the fitted costs.</summary>
    public static string ToJson(MigrationCosts costs, string description, IEnumerable<string> fitted)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var root = new JsonObject { ["description"] = description, ["fitted"] = new JsonArray([.. fitted.Select(f => JsonValue.Create(f))]) };
        root["zeroPageNs"] = Math.Round(costs.ZeroPageNs, 1);
        root["residentZeroPageNs"] = Math.Round(costs.ResidentZeroPageNs, 1);
        root["normalPageNs"] = Math.Round(costs.NormalPageNs, 1);
        root["dirtyLogStartNsPerBackedGiB"] = costs.DirtyLogStartNsPerBackedGiB;
        root["syncNsPerDirtyPage"] = costs.SyncNsPerDirtyPage;
        root["syncNsPerGiB"] = costs.SyncNsPerGiB;
        root["setupNs"] = costs.SetupNs;
        root["switchoverNs"] = costs.SwitchoverNs;
        root["deviceStateBytes"] = costs.DeviceStateBytes;
        root["clearChunkNs"] = costs.ClearChunkNs;
        if (costs.ClearBitmapShift is int shift)
        {
            root[ClearBitmapShiftField] = shift;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    /// <summary>A cost in a message: "780 ns".</summary>
    public static string Ns(double ns) => ns.ToString("0.#", CultureInfo.InvariantCulture) + " ns";
}
