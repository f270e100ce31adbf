using System.CommandLine;
using System.CommandLine.Parsing;
using Viz.App.Common;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>The balloonviz command line: parses, dispatches, and turns every failure into one clear line.</summary>
public static class BalloonvizCli
{
    /// <summary>Builds the root command with every subcommand; a sweep's points read the config file <paramref name="environment"/> points to.</summary>
    public static RootCommand Build(Func<string, string?>? environment = null)
    {
        var root = new RootCommand("balloonviz: watch virtio-balloon free page hinting, free page reporting and page poisoning work on a simulated guest, page by page. Without a command it opens the interactive visualizer.")
        {
            RunCommand.Create(),
            MigrateCommand.Create(),
            CompareCommand.Create(),
            HostCommand.Create(),
            SweepCommand.Create(environment ?? Environment.GetEnvironmentVariable),
            PlayCommand.Create(),
            DemoCommand.Create(),
            ReplayCommand.Create(),
            CastCommand.Create(),
            CalibrateCommand.Create(),
            BenchCommand.Create(),
            CompletionCommand.Create(),
            ManCommand.Create(),
        };
        VisualizerCommand.Configure(root);
        root.Options.Add(new Option<bool>("--no-config")
        {
            Description = $"Do not read the config file ({ConfigFile.DefaultPathText}, or $BALLOONVIZ_CONFIG).",
            Recursive = true,
        });
        HelpPage.Install(root);
        return root;
    }

    /// <summary>Runs the command line with the process's environment; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, output, error, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Runs the command line, with the config file <paramref name="environment"/> points to (see
    /// <see cref="ConfigFile.Locate"/>) giving the options the command line leaves out; returns the process exit code.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(error);
        RootCommand root = Build(environment);
        try
        {
            ParseResult parse = Parse(root, args);
            if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
            {
                error.WriteLine($"balloonviz: {Shorten(FirstError(parse))}");
                error.WriteLine($"Try 'balloonviz {parse.CommandResult.Command.Name} --help'.".Replace("balloonviz balloonviz", "balloonviz", StringComparison.Ordinal));
                return ExitCodes.UsageError;
            }

            parse = WithConfig(root, args, parse, environment);
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine($"balloonviz: {e.Message}");
            return ExitCodes.UsageError;
        }
#pragma warning disable CA1031 // The last line of defence: a user gets one line, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error.WriteLine($"balloonviz: internal error: {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>No response files: "balloonviz @file" would read any file as arguments.</summary>
    private static ParseResult Parse(RootCommand root, string[] args) =>
        root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    /// <summary>
    /// The command line with the config file's values for the options the user left out, unless --no-config is given
    /// or the command line only asks for help or the version. A value the option rejects is a usage error naming the
    /// file and the line.
    /// </summary>
    private static ParseResult WithConfig(RootCommand root, string[] args, ParseResult given, Func<string, string?> environment)
    {
        Command command = given.CommandResult.Command;
        if (given.GetValue(NoConfig(root)) || !ReferenceEquals(given.Action, command.Action) || ConfigFile.Locate(environment) is not string path)
        {
            return given;
        }

        ConfigFile config = ConfigFile.Read(path, root);
        CommandEntry entry = CommandTree.Commands(root).First(e => ReferenceEquals(e.Command, command));
        string[] merged = ConfigArguments.Insert(args, entry, given, config, out IReadOnlyDictionary<Option, ConfigValue> applied);
        ParseResult parse = Parse(root, merged);
        foreach (ParseError problem in parse.Errors)
        {
            if (problem.SymbolResult is OptionResult result && applied.TryGetValue(result.Option, out ConfigValue? value))
            {
                throw new UsageException($"{config.Path}:{value.Line}: {value.Key} = {Quoting.Quote(value.Value)}: {Shorten(problem.Message)}");
            }
        }

        return parse.Errors.Count > 0 ? throw new UsageException($"{config.Path}: {Shorten(parse.Errors[0].Message)}") : parse;
    }

    private static Option<bool> NoConfig(RootCommand root) => root.Options.OfType<Option<bool>>().Single(o => o.Name == "--no-config");

    /// <summary>
    /// The error to show: one that names what the user typed (an unknown command or argument) before the generic ones
    /// that follow from it ("Required command was not provided").
    /// </summary>
    private static string FirstError(ParseResult parse) =>
        (parse.Errors.FirstOrDefault(e => e.Message.Contains('\'', StringComparison.Ordinal)) ?? parse.Errors[0]).Message;

    /// <summary>System.CommandLine's own messages quote whole tokens: a very long one is cut.</summary>
    private static string Shorten(string message) =>
        message.Length <= 200 ? message : System.Text.RegularExpressions.Regex.Replace(message, @"\S{41,}", m => Quoting.Quote(m.Value).Trim('\''));
}
