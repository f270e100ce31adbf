using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using Viz.Pipeline;
using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>The options several commands share, each with a parser that says clearly what is wrong.</summary>
public static class CliOptions
{
    /// <summary>The longest simulated run: a day (a 1 GiB guest building takes about 20 s of CPU per simulated hour).</summary>
    public const long MaxRunNs = 24 * 3600 * SimDuration.NsPerSecond;

    /// <summary>The longest ping-pong and the longest wait before a migration: an hour of simulated time.</summary>
    public const long MaxMigrationWaitNs = 3600 * SimDuration.NsPerSecond;

    /// <summary>The most bitmap syncs a migration may take before it gives up.</summary>
    public const int MaxRounds = 1000;

    /// <summary>--memory SIZE: guest RAM.</summary>
    public static Option<long> Memory() => new Option<long>("--memory")
    {
        Description = "Guest RAM, 64MiB to 1TiB (e.g. 8GiB, 512MiB).",
        HelpName = "SIZE",
        DefaultValueFactory = _ => GuestOptions.DefaultBytes,
        CustomParser = ParseMemory,
    }.ShowingDefault(ByteSize.FormatAsInput(GuestOptions.DefaultBytes));

    /// <summary>--workload NAME[:SIZE][@RATE][,work=DURATION].</summary>
    public static Option<WorkloadSpec> Workload() => new Option<WorkloadSpec>("--workload")
    {
        Description = "What the guest runs: idle, build, hog, pagecache; optionally :SIZE and @RATE (e.g. hog:3GiB, build@512MiB/s); a build of finite size with ,work=DURATION of compile CPU time (build,work=20m: 5 minutes on 4 vCPUs).",
        HelpName = "NAME[:SIZE][@RATE][,work=DURATION]",
        DefaultValueFactory = _ => WorkloadSpec.Idle,
        CustomParser = result =>
        {
            if (!WorkloadSpec.TryParse(Single(result), out WorkloadSpec spec, out string error))
            {
                result.AddError(error);
            }

            return spec;
        },
    }.ShowingDefault(WorkloadSpec.Idle.ToString()).Taking(WorkloadSpec.Names);

    /// <summary>--poison off|page_poison|init_on_free.</summary>
    public static Option<PoisonMode> Poison() => Choice(
        "--poison",
        "What the guest writes into freed pages: off, page_poison (0xaa, checked on allocation) or init_on_free (zeroes).",
        [("off", PoisonMode.Off), ("page_poison", PoisonMode.PagePoison), ("init_on_free", PoisonMode.InitOnFree)]);

    /// <summary>
    /// An option that takes one of <paramref name="choices"/>' words (any case); the first is the default. Anything else
    /// is one message naming the words.
    /// </summary>
    public static Option<T> Choice<T>(string name, string description, IReadOnlyList<(string Word, T Value)> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        string[] words = [.. choices.Select(c => c.Word)];
        string listed = words.Length == 2 ? $"{words[0]} or {words[1]}" : $"{string.Join(", ", words[..^1])} or {words[^1]}";
        return new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join("|", words),
            DefaultValueFactory = _ => choices[0].Value,
            CustomParser = result =>
            {
                string text = Single(result);
                foreach ((string word, T value) in choices)
                {
                    if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
                    {
                        return value;
                    }
                }

                result.AddError($"{name} takes {listed}, not {Quoting.Quote(text)}");
                return choices[0].Value;
            },
        }.ShowingDefault(words[0]).Taking(words);
    }

    /// <summary>
    /// An on|off switch. Its type is <see cref="Switch"/>, not bool: System.CommandLine only lets a bool option consume
    /// a following token that parses as a bool, so "--reporting on" would leave "on" unmatched.
    /// </summary>
    public static Option<Switch> OnOff(string name, string description, bool defaultValue) => new Option<Switch>(name)
    {
        Description = description,
        HelpName = "on|off",
        DefaultValueFactory = _ => defaultValue ? Switch.On : Switch.Off,
        CustomParser = result =>
        {
            string text = Single(result);
            switch (text.ToUpperInvariant())
            {
                case "ON":
                    return Switch.On;
                case "OFF":
                    return Switch.Off;
                default:
                    result.AddError($"{name} takes on or off, not {Quoting.Quote(text)}");
                    return Switch.Off;
            }
        },
    }.ShowingDefault(defaultValue ? "on" : "off").Taking("on", "off");

    /// <summary>--seed N: a whole number from 0 to 2^64 − 1.</summary>
    public static Option<ulong> Seed() => new Option<ulong>("--seed")
    {
        Description = "Seed of every random choice, 0 to 18446744073709551615; the same seed and options give the same run.",
        HelpName = "N",
        DefaultValueFactory = _ => 1UL,
        CustomParser = result =>
        {
            string text = Single(result);
            if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
            {
                result.AddError($"--seed takes a whole number from 0 to {ulong.MaxValue}, not {Quoting.Quote(text)}");
            }

            return seed;
        },
    }.ShowingDefault("1");

    /// <summary>An option taking a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue, int minimum, int maximum) => new Option<int>(name)
    {
        Description = $"{description} ({minimum} to {maximum})",
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = Single(result);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < minimum || value > maximum)
            {
                result.AddError($"{name} takes a whole number from {minimum} to {maximum}, not {Quoting.Quote(text)}");
            }

            return value;
        },
    }.ShowingDefault(defaultValue.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Parses <c>WIDTHxHEIGHT</c> for <paramref name="option"/>, each from its minimum to its maximum; otherwise a usage
    /// error that says the form (<paramref name="form"/>, e.g. COLSxROWS) and the range.
    /// </summary>
    public static (int Width, int Height) Dimensions(string option, string text, string form, (int Width, int Height) minimum, (int Width, int Height) maximum, string example)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('x', 'X');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            && width >= minimum.Width && width <= maximum.Width && height >= minimum.Height && height <= maximum.Height
            ? (width, height)
            : throw new Common.UsageException($"{option} {Quoting.Quote(text)}: write it as {form}, from {minimum.Width}x{minimum.Height} to {maximum.Width}x{maximum.Height} (e.g. {example})");
    }

    /// <summary>An option naming a file to write, which must end in <paramref name="extension"/>.</summary>
    public static Option<string?> OutputFile(string name, string description, string extension) => new(name)
    {
        Description = description,
        HelpName = "FILE" + extension,
        Validators = { result => CheckExtension(result, name, extension) },
    };

    /// <summary>An output file must end in one of <paramref name="extensions"/>: a mistyped value does not become a file.</summary>
    public static void CheckExtension(System.CommandLine.Parsing.OptionResult result, string name, params string[] extensions)
    {
        foreach (string path in result.Tokens.Select(t => t.Value))
        {
            if (!extensions.Any(e => path.Length > e.Length && path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                result.AddError($"{name} {Quoting.Quote(path.Length > 60 ? path[..60] + "…" : path)}: the file's name must end in {string.Join(" or ", extensions)}");
            }
        }
    }

    /// <summary>An option taking a whole number from <paramref name="minimum"/> to <paramref name="maximum"/> that may be left out (null).</summary>
    public static Option<int?> OptionalWholeNumber(string name, string description, int minimum, int maximum) => new Option<int?>(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result =>
        {
            string text = Single(result);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < minimum || value > maximum)
            {
                result.AddError($"{name} takes a whole number from {minimum} to {maximum}, not {Quoting.Quote(text)}");
            }

            return value;
        },
    };

    /// <summary>A simulated duration option, longer than zero and at most <paramref name="maximumNs"/>.</summary>
    public static Option<long> Duration(string name, string description, long defaultNs, long maximumNs) => new Option<long>(name)
    {
        Description = $"{description} At most {SimDuration.FormatAsInput(maximumNs)}.",
        HelpName = "DURATION",
        DefaultValueFactory = _ => defaultNs,
        CustomParser = result => ParseDuration(result, name, minimumNs: 1, maximumNs),
    }.ShowingDefault(SimDuration.FormatAsInput(defaultNs));

    /// <summary>
    /// A simulated duration option that may be left out (null), from <paramref name="minimumNs"/> to
    /// <paramref name="maximumNs"/> when given.
    /// </summary>
    public static Option<long?> OptionalDuration(string name, string description, long minimumNs, long maximumNs) => new(name)
    {
        Description = $"{description} At most {SimDuration.FormatAsInput(maximumNs)}.",
        HelpName = "DURATION",
        CustomParser = result => ParseDuration(result, name, minimumNs, maximumNs),
    };

    /// <summary>An optional size option (e.g. --balloon, --host-memory); null when not given.</summary>
    public static Option<long?> OptionalSize(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "SIZE",
        CustomParser = result =>
        {
            string text = Single(result);
            if (!ByteSize.TryParse(text, out long bytes, out string error))
            {
                result.AddError($"{name}: {error}");
                return null;
            }

            if (bytes < 0)
            {
                result.AddError($"{name} must not be negative, not {text}");
            }

            return bytes;
        },
    };

    /// <summary>An optional rate option (e.g. --swap-rate 200MiB/s), more than zero; null when not given.</summary>
    public static Option<long?> OptionalRate(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "RATE",
        CustomParser = result =>
        {
            string text = Single(result);
            if (!ByteSize.TryParseRate(text, out long bytes, out string error))
            {
                result.AddError($"{name}: {error} per second (e.g. 200MiB/s)");
                return null;
            }

            if (bytes <= 0)
            {
                result.AddError($"{name} must be more than zero, not {text}");
            }

            return bytes;
        },
    };

    /// <summary>--speed: how fast the visualizer's simulation runs at start.</summary>
    public static Option<StartSpeed> Speed() => new Option<StartSpeed>("--speed")
    {
        Description = "Simulated seconds per second at start: a factor (1, x4, 0.5), 'max' for flat out, or 'paused'.",
        HelpName = "FACTOR|max|paused",
        DefaultValueFactory = _ => new StartSpeed(SimulationSpeed.RealTime, false),
        CustomParser = result =>
        {
            string text = Single(result);
            if (text.Equals("paused", StringComparison.OrdinalIgnoreCase))
            {
                return new StartSpeed(SimulationSpeed.RealTime, true);
            }

            if (!SimulationSpeed.TryParse(text, out SimulationSpeed speed, out string error))
            {
                result.AddError($"--speed: {error}");
            }

            return new StartSpeed(speed, false);
        },
    }.ShowingDefault(new StartSpeed(SimulationSpeed.RealTime, false).ToString());

    /// <summary>--theme NAME: a theme file in themes/.</summary>
    public static Option<string?> Theme() => new("--theme")
    {
        Description = "Colour theme at start: default, light, high-contrast, okabe-ito (colour-blind safe), ansi16 (the 16 ANSI colours), mono, a theme in $XDG_CONFIG_HOME/balloonviz/themes/, or a path to a .json theme file (default: default; ansi16 on a 16-colour terminal; mono when NO_COLOR is set).",
        HelpName = "NAME|PATH",
    };

    /// <summary>--colours auto|16|256|truecolor: how many colours the terminal shows.</summary>
    public static Option<string> Colours() => new Option<string>("--colours", "--colors")
    {
        Description = "Colours the terminal shows: 16, 256 or truecolor (24-bit); auto reads COLORTERM and TERM (truecolor only when COLORTERM says so).",
        HelpName = "auto|16|256|truecolor",
        DefaultValueFactory = _ => "auto",
        Validators =
        {
            result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "auto";
                if (!Tui.Themes.ColourDepths.TryChoose(text, _ => null, out _))
                {
                    result.AddError($"--colours: {Quoting.Quote(text)} is not a colour depth; choose {string.Join(", ", Tui.Themes.ColourDepths.Names)}");
                }
            },
        },
    }.ShowingDefault("auto").Taking(Tui.Themes.ColourDepths.Names);

    /// <summary>--key NAME=KEYS, repeated: rebinds the visualizer's keys (a config file's [keys] table gives the same).</summary>
    public static Option<string[]> Keys() => new("--key")
    {
        Description = "Rebind a key: NAME=KEYS, one character per thing the binding does (--key migrate=j, --key speed=><); repeat for more. The bindings: " + string.Join(", ", Tui.KeyMap.Default.Rebindable.Select(r => r.Name)) + ". Config file: a [keys] table, migrate = \"j\".",
        HelpName = "NAME=KEYS",
        Arity = ArgumentArity.ZeroOrMore,
        Validators =
        {
            result =>
            {
                if (!TryKeyMap(result.Tokens.Select(t => t.Value), out _, out string problem))
                {
                    result.AddError($"--key: {problem}");
                }
            },
        },
    };

    /// <summary>The shipped key map with <paramref name="bindings"/> (NAME=KEYS each) applied; they were checked when parsed.</summary>
    public static Tui.KeyMap KeyMapOf(IEnumerable<string> bindings) =>
        TryKeyMap(bindings, out Tui.KeyMap? map, out string problem) ? map : throw new Common.UsageException($"--key: {problem}");

    private static bool TryKeyMap(IEnumerable<string> bindings, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Tui.KeyMap? map, out string problem)
    {
        var chosen = new Dictionary<string, string>();
        foreach (string binding in bindings)
        {
            int equals = binding.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                map = null;
                problem = $"{Quoting.Quote(binding)} is not NAME=KEYS (e.g. migrate=j)";
                return false;
            }

            chosen[binding[..equals]] = binding[(equals + 1)..];
        }

        return Tui.KeyMap.Default.TryRebind(chosen, out map, out problem);
    }

    /// <summary>An option naming a file (--costs, --output); an empty name is refused.</summary>
    public static Option<string?> FilePath(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "FILE",
        CustomParser = result =>
        {
            string text = Single(result);
            if (text.Length == 0)
            {
                result.AddError($"{name} needs a file name");
            }

            return text;
        },
    };

    /// <summary>--json: one JSON object on stdout.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of a table." };

    /// <summary>
    /// Sets the fixed values <paramref name="option"/> takes, for the completion scripts (in place of the enum names
    /// System.CommandLine would offer); returns the option.
    /// </summary>
    public static Option<T> Taking<T>(this Option<T> option, params IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. values]);
        return option;
    }

    private static long ParseMemory(ArgumentResult result)
    {
        string text = Single(result);
        if (!ByteSize.TryParse(text, out long bytes, out string error))
        {
            result.AddError($"--memory: {error}; the guest has 64MiB to 1TiB");
            return 0;
        }

        if (GuestSizeProblem(bytes, text) is string problem)
        {
            result.AddError($"--memory {problem}");
        }

        return bytes;
    }

    /// <summary>
    /// What is wrong with <paramref name="bytes"/> (written <paramref name="text"/>) as a guest's memory — "must be between
    /// 64MiB and 1TiB, not ..." or "must be a whole number of 4KiB pages, not ..." — or null when it is a guest size.
    /// </summary>
    public static string? GuestSizeProblem(long bytes, string text) =>
        bytes < GuestMemory.MinBytes || bytes > GuestMemory.MaxBytes ? $"must be between 64MiB and 1TiB, not {text}"
        : bytes % KernelConstants.PageSize != 0 ? $"must be a whole number of 4KiB pages, not {text}"
        : null;

    /// <summary>
    /// What is wrong with <paramref name="bytes"/> as the footprint of a guest of <paramref name="memory"/> — it must be
    /// more than zero and at most half the guest — or null when it is fine.
    /// </summary>
    public static string? FootprintProblem(long bytes, long memory) =>
        bytes > 0 && bytes <= memory / 2
            ? null
            : $"the footprint must be larger than zero and at most half the guest ({ByteSize.FormatAsInput(memory / 2)})";

    /// <summary>Parses a duration option's one value within [<paramref name="minimumNs"/>, <paramref name="maximumNs"/>]; adds an error naming <paramref name="name"/> otherwise.</summary>
    public static long ParseDuration(ArgumentResult result, string name, long minimumNs, long maximumNs)
    {
        string text = Single(result);
        if (!SimDuration.TryParse(text, out long ns, out string error))
        {
            result.AddError($"{name}: {error}; at most {SimDuration.FormatAsInput(maximumNs)}");
        }
        else if (ns < minimumNs)
        {
            result.AddError(minimumNs > 0 ? $"{name} must be longer than zero" : $"{name} must not be negative");
        }
        else if (ns > maximumNs)
        {
            result.AddError($"{name}: {Quoting.Quote(text)} is too long; at most {SimDuration.FormatAsInput(maximumNs)}");
        }

        return ns;
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
}
