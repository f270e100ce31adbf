using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// Each option's default as a user types it (8GiB, 60s, off): what --help, the man page and the completion scripts
/// show instead of the raw value System.CommandLine would print (8589934592, Off).
/// </summary>
public static class OptionDefaults
{
    private static readonly ConditionalWeakTable<Option, string> Texts = [];

    /// <summary>Records <paramref name="text"/> as the default of <paramref name="option"/>; returns the option.</summary>
    public static TOption ShowingDefault<TOption>(this TOption option, string text)
        where TOption : Option
    {
        ArgumentNullException.ThrowIfNull(option);
        Texts.AddOrUpdate(option, text);
        return option;
    }

    /// <summary>The default of <paramref name="option"/> as a user types it, or null when it has none to show.</summary>
    public static string? Of(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return Texts.TryGetValue(option, out string? text) ? text : null;
    }

    /// <summary>A size as a user types it: 8GiB, 512MiB.</summary>
    public static string Size(long bytes) => ByteSize.Format(bytes).Replace(" ", string.Empty, StringComparison.Ordinal);

    /// <summary>A duration as a user types it: whole seconds under an hour (60s, not 1m), else its largest whole unit (300ms, 24h).</summary>
    public static string Duration(long nanoseconds) =>
        nanoseconds % SimDuration.NsPerSecond == 0 && nanoseconds < 3600 * SimDuration.NsPerSecond
            ? (nanoseconds / SimDuration.NsPerSecond).ToString(CultureInfo.InvariantCulture) + "s"
            : SimDuration.FormatAsInput(nanoseconds);
}
