using System.Globalization;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>The readable table of `run --series`: one row per sample, with the memory figures the final table names.</summary>
public static class SeriesTable
{
    private static readonly string[] Header =
        ["time", "host RSS", "free", "allocated", "page cache", "reported", "hinted", "ballooned", "poisoned", "in host swap"];

    /// <summary>Writes the samples.</summary>
    public static void Write(TextWriter output, IEnumerable<RunSample> samples) =>
        ColumnTable.Write(output, Header, samples.Select(Row));

    private static string[] Row(RunSample s) =>
    [
        s.T.ToString("0.###", CultureInfo.InvariantCulture) + " s",
        ByteSize.Format(s.HostRssBytes),
        Pages(s.PagesFree),
        Pages(s.PagesAllocated),
        Pages(s.PageCachePages),
        Pages(s.PagesReported),
        Pages(s.PagesHinted),
        Pages(s.PagesBallooned),
        Pages(s.PagesPoisoned),
        Pages(s.SwappedPages),
    ];

    private static string Pages(long pages) => ByteSize.Format(pages * KernelConstants.PageSize);
}
