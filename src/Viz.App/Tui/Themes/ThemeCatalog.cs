namespace Viz.App.Tui.Themes;

/// <summary>
/// The themes a user can choose: the files in the shipped folder and in the user's own theme folder
/// (<c>$XDG_CONFIG_HOME/balloonviz/themes</c>; a user's file replaces a shipped one of the same name), plus any file
/// named by path. Only the names are read at start; a theme's file is read and checked when it is first chosen or cycled
/// to, so a broken or huge file costs nothing until then and gets its own message when it is tried.
/// </summary>
public sealed class ThemeCatalog
{
    private readonly Dictionary<string, string> _paths = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Theme> _loaded = new(StringComparer.OrdinalIgnoreCase);

    private readonly TerminalPalette? _palette;

    /// <summary>
    /// The themes in <paramref name="folders"/>, later folders replacing earlier ones' files of the same name, each
    /// drawn with the colours a terminal of <paramref name="depth"/> has.
    /// </summary>
    public ThemeCatalog(IEnumerable<string> folders, ColourDepth depth = ColourDepth.TrueColor)
    {
        ArgumentNullException.ThrowIfNull(folders);
        _palette = TerminalPalette.For(depth);
        foreach (string folder in folders.Where(Directory.Exists))
        {
            foreach (string path in Directory.GetFiles(folder, "*.json"))
            {
                _paths[Path.GetFileNameWithoutExtension(path)] = path;
            }
        }

        _paths.TryAdd(ThemeLoader.DefaultName, string.Empty);
        Names = [.. _paths.Keys.OrderBy(Rank).ThenBy(n => n, StringComparer.Ordinal)];
    }

    /// <summary>The user's theme folder: <c>$XDG_CONFIG_HOME/balloonviz/themes</c>, or <c>~/.config/balloonviz/themes</c>.</summary>
    public static string UserFolder(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? config = environment("XDG_CONFIG_HOME");
        string root = string.IsNullOrEmpty(config)
            ? Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config")
            : config;
        return Path.Combine(root, "balloonviz", "themes");
    }

    /// <summary>Every theme's name, in the order <c>t</c> cycles them: the shipped ones first, then the others by name.</summary>
    public IReadOnlyList<string> Names { get; private set; }

    /// <summary>
    /// The theme called <paramref name="nameOrPath"/>, or in the file it names (a path ending in .json, which joins the
    /// cycle). The default theme always loads: when its file is missing or broken the built-in one stands in.
    /// </summary>
    public bool TryGet(string nameOrPath, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Theme? theme, out string problem)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        problem = string.Empty;
        string name = Path.GetFileNameWithoutExtension(nameOrPath);
        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(nameOrPath))
            {
                theme = null;
                problem = $"--theme: no theme file {nameOrPath}";
                return false;
            }

            _paths[name] = nameOrPath;
            _loaded.Remove(name);
            if (!Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                Names = [.. Names, name];
            }
        }

        if (_loaded.TryGetValue(name, out theme))
        {
            return true;
        }

        if (!_paths.TryGetValue(name, out string? path))
        {
            problem = $"--theme: no theme called {Viz.Simulation.Units.Quoting.Quote(nameOrPath)}; choose one of {string.Join(", ", Names)} or give a path to a .json file";
            return false;
        }

        if (path.Length > 0 && ThemeLoader.TryLoad(path, out theme, out problem))
        {
            theme = ForTerminal(theme);
            _loaded[name] = theme;
            return true;
        }

        if (string.Equals(name, ThemeLoader.DefaultName, StringComparison.OrdinalIgnoreCase))
        {
            theme = ForTerminal(BuiltInTheme.Default);
            _loaded[name] = theme;
            return true;
        }

        return false;
    }

    /// <summary>
    /// The theme after <paramref name="current"/> in the cycle that loads; each one skipped because its file cannot be
    /// used adds its message to <paramref name="problems"/>.
    /// </summary>
    public Theme Next(Theme current, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(problems);
        int at = Math.Max(0, IndexOf(current.Name));
        for (int step = 1; step <= Names.Count; step++)
        {
            string name = Names[(at + step) % Names.Count];
            if (TryGet(name, out Theme? theme, out string problem))
            {
                return theme;
            }

            problems.Add(problem);
        }

        return current;
    }

    private Theme ForTerminal(Theme theme) => _palette?.Adapt(theme) ?? theme;

    private int IndexOf(string name) => Names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    private static int Rank(string name)
    {
        int rank = ThemeLoader.PreferredOrder.ToList().IndexOf(name);
        return rank < 0 ? ThemeLoader.PreferredOrder.Count : rank;
    }
}
