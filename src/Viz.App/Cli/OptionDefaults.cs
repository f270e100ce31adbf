using System.CommandLine;
using System.Runtime.CompilerServices;

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
}
