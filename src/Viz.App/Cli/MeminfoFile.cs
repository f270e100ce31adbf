using System.Globalization;
using Viz.App.Common;

namespace Viz.App.Cli;

/// <summary>
/// A guest's /proc/meminfo saved as a file, for --meminfo: its footprint is MemTotal − MemFree (MemTotal already leaves
/// out the kernel's reserved memory and image, which the model reserves on its own).
/// </summary>
public static class MeminfoFile
{
    /// <summary>The footprint in bytes the file at <paramref name="path"/> gives; a file without the two fields is a usage error.</summary>
    public static long Footprint(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = InputFile.Named(path);
        string[] lines = InputFile.ReadText(path, "/proc/meminfo").Split(["\r\n", "\n"], StringSplitOptions.None);
        long total = Field(name, lines, "MemTotal");
        long free = Field(name, lines, "MemFree");
        return free > total
            ? throw new UsageException($"{name}: MemFree ({free} kB) is larger than MemTotal ({total} kB)")
            : (total - free) * 1024;
    }

    private static long Field(string name, string[] lines, string field)
    {
        string? line = lines.FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        string[] parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return parts.Length == 3 && parts[2] == "kB" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kib)
            ? kib
            : throw new UsageException($"{name}: no {field} line of the form \"{field}: N kB\" (is it a saved /proc/meminfo?)");
    }
}
