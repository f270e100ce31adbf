using Viz.Simulation.Migration;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>A one-line migration progress bar on stderr, shown only when stderr is a terminal.</summary>
public sealed class ProgressBar(TextWriter error, string label)
{
    private const int Width = 30;
    private readonly bool _enabled = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
    private bool _drawn;

    /// <summary>Redraws the bar for the migration's state.</summary>
    public void Update(MigrationEngine migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        if (!_enabled)
        {
            return;
        }

        long total = migration.DirtyBitmap.Length;
        double done = 1 - (migration.RemainingDirtyPages / (double)Math.Max(1, total));
        int filled = (int)Math.Round(done * Width);
        error.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] round {migration.Round}, {SimDuration.Format(migration.ElapsedNs)} simulated   ");
        _drawn = true;
    }

    /// <summary>Clears the bar's line.</summary>
    public void Clear()
    {
        if (_drawn)
        {
            error.Write("\r" + new string(' ', Width + 60) + "\r");
        }
    }
}
