using System.Globalization;
using Viz.App.Common;
using Viz.Simulation.Memory;

namespace Viz.App.Cli;

/// <summary>
/// A guest's /proc/buddyinfo saved as a file, for --buddyinfo: one line per zone, "Node N, zone NAME" and the count of
/// free blocks of each order from 0 to MAX_ORDER (mm/vmstat.c frag_show_print). What the model takes from it is the
/// share of free memory in blocks of the largest order, which is what the upstream free page hinting driver can hint.
/// </summary>
public static class BuddyinfoFile
{
    private const int Orders = KernelConstants.MaxOrder + 1;

    /// <summary>The share of the free memory the file at <paramref name="path"/> shows in 4 MiB blocks; a file that is not buddyinfo is a usage error.</summary>
    public static double MaxOrderFreeShare(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = InputFile.Named(path);
        string[] lines = InputFile.ReadText(path, "/proc/buddyinfo").Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            throw new UsageException($"{name}: empty; a saved /proc/buddyinfo has a line per zone, e.g. \"Node 0, zone   Normal   12 5 ...\"");
        }

        double freePages = 0;
        double maxOrderPages = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            long[] counts = Counts(name, i + 1, lines[i]);
            for (int order = 0; order < Orders; order++)
            {
                freePages += (double)counts[order] * (1L << order);
            }

            maxOrderPages += (double)counts[KernelConstants.MaxOrder] * (1L << KernelConstants.MaxOrder);
        }

        return freePages == 0
            ? throw new UsageException($"{name}: no free block in any zone; the share of free memory in 4 MiB blocks is undefined")
            : maxOrderPages / freePages;
    }

    private static long[] Counts(string name, int lineNumber, string line)
    {
        string[] parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        bool header = parts.Length >= 4 && parts[0] == "Node" && parts[1].EndsWith(',') && parts[2] == "zone";
        if (!header || parts.Length != 4 + Orders)
        {
            throw new UsageException(
                $"{name}: line {lineNumber} is not \"Node N, zone NAME\" and {Orders} counts (orders 0 to {KernelConstants.MaxOrder}, 4 KiB pages); is it a saved /proc/buddyinfo?");
        }

        var counts = new long[Orders];
        for (int order = 0; order < Orders; order++)
        {
            if (!long.TryParse(parts[4 + order], NumberStyles.None, CultureInfo.InvariantCulture, out counts[order]))
            {
                throw new UsageException($"{name}: line {lineNumber}: the count of order {order} is {Simulation.Units.Quoting.Quote(parts[4 + order])}, not a whole number");
            }
        }

        return counts;
    }
}
