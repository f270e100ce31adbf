
namespace Viz.Simulation.Migration;

/// <summary>
/// What a real completed migration says about its host's costs (from QEMU's query-migrate): its times and the pages it
/// sent as zero pages and in full.
/// </summary>
/// <param name="Name">How messages name it (the file it came from).</param>
/// <param name="TotalTimeMs">total-time.</param>
/// <param name="SetupTimeMs">setup-time.</param>
/// <param name="ZeroPages">ram.duplicate.</param>
/// <param name="NormalPages">ram.normal.</param>
public sealed record MeasuredMigration(string Name, double TotalTimeMs, double SetupTimeMs, long ZeroPages, long NormalPages);
