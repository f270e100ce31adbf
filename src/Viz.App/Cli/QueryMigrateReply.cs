using System.Text.Json;
using System.Text.Json.Nodes;
using Viz.App.Common;
using Viz.Simulation.Migration;

namespace Viz.App.Cli;

/// <summary>
/// What calibrate takes from one QEMU query-migrate reply (QMP MigrationInfo): a completed migration's times and the
/// pages it sent as zero pages (<c>ram.duplicate</c>) and in full (<c>ram.normal</c>).
/// </summary>
/// <param name="File">The file it came from.</param>
/// <param name="TotalTimeMs">total-time.</param>
/// <param name="SetupTimeMs">setup-time.</param>
/// <param name="DowntimeMs">downtime.</param>
/// <param name="RamBytes">ram.total: the guest's RAM.</param>
/// <param name="ZeroPages">ram.duplicate.</param>
/// <param name="NormalPages">ram.normal.</param>
/// <param name="Syncs">ram.dirty-sync-count.</param>
public sealed record QueryMigrateReply(string File, double TotalTimeMs, double SetupTimeMs, double DowntimeMs, long RamBytes, long ZeroPages, long NormalPages, long Syncs)
{
    /// <summary>What the model's calibration takes from it.</summary>
    public MeasuredMigration Measured => new(File, TotalTimeMs, SetupTimeMs, ZeroPages, NormalPages);

    /// <summary>Reads a reply as QMP returns it: the whole reply (<c>{"return": {...}}</c>) or its return object.</summary>
    public static QueryMigrateReply Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = InputFile.Named(path);
        JsonNode? root = InputFile.ReadJson(path, "query-migrate reply");
        JsonObject info = (root?["return"] ?? root) as JsonObject ?? throw new UsageException($"{name}: not a query-migrate reply (a JSON object with \"status\" and \"ram\", or {{\"return\": ...}} around it)");

        string status = info["status"]?.GetValueKind() == JsonValueKind.String ? info["status"]!.GetValue<string>() : throw new UsageException($"{name}: status is missing (query-migrate gives it)");
        if (status != "completed")
        {
            throw new UsageException($"{name}: the migration's status is {status}, not completed; only a completed migration says what a whole migration costs");
        }

        JsonObject ram = info["ram"] as JsonObject ?? throw new UsageException($"{name}: ram is missing (query-migrate gives it for a migration of RAM)");
        return new QueryMigrateReply(
            path,
            Number(path, info, "total-time"),
            Number(path, info, "setup-time"),
            Number(path, info, "downtime"),
            (long)Number(path, ram, "total", "ram."),
            (long)Number(path, ram, "duplicate", "ram."),
            (long)Number(path, ram, "normal", "ram."),
            (long)Number(path, ram, "dirty-sync-count", "ram."));
    }

    private static double Number(string path, JsonObject json, string field, string prefix = "")
    {
        string name = InputFile.Named(path);
        JsonNode? node = json[field];
        if (node is not JsonValue value || !value.TryGetValue(out double number) || number < 0 || !double.IsFinite(number))
        {
            throw new UsageException($"{name}: {prefix}{field} must be a number of at least 0{(node is null ? " and is missing" : $", not {node.ToJsonString()}")}");
        }

        return number;
    }
}
