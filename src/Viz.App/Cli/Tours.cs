using Viz.App.Common;
using Viz.Simulation.Scenarios;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>The tours shipped with balloonviz (src/Viz.App/Tours/*.yaml, embedded), and scenario files by path.</summary>
public static class Tours
{
    private const string Prefix = "tours.";
    private const string Suffix = ".yaml";

    /// <summary>The tours' names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(Tours).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^Suffix.Length])
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The tour called <paramref name="name"/>, or the scenario file at that path (one ending in .yaml or .yml, or one that exists).</summary>
    public static Scenario Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || File.Exists(name))
        {
            return ScenarioFile.Load(name);
        }

        if (!Names.Contains(name))
        {
            throw new UsageException($"no tour {Quoting.Quote(name)}; the tours are {string.Join(", ", Names)} (balloonviz demo --list), or give a scenario file (NAME.yaml)");
        }

        return ScenarioFile.Parse(Text(name), $"tour {name}");
    }

    /// <summary>The YAML of the tour called <paramref name="name"/>.</summary>
    public static string Text(string name)
    {
        using Stream stream = typeof(Tours).Assembly.GetManifestResourceStream(Prefix + name + Suffix)
            ?? throw new UsageException($"no tour {Quoting.Quote(name)}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
