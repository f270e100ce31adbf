using System.CommandLine;
using Viz.App.Common;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>The balloonviz command line: parses, dispatches, and turns every failure into one clear line.</summary>
public static class BalloonvizCli
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("balloonviz: watch virtio-balloon free page hinting, free page reporting and page poisoning work on a simulated guest, page by page. Without a command it opens the interactive visualizer.")
        {
            RunCommand.Create(),
            MigrateCommand.Create(),
            CompareCommand.Create(),
            BenchCommand.Create(),
            CompletionCommand.Create(),
        };
        VisualizerCommand.Configure(root);
        HelpPage.Install(root);
        return root;
    }

    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        RootCommand root = Build();

        // No response files: "balloonviz @file" would read any file as arguments.
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"balloonviz: {Shorten(FirstError(parse))}");
            error.WriteLine($"Try 'balloonviz {parse.CommandResult.Command.Name} --help'.".Replace("balloonviz balloonviz", "balloonviz", StringComparison.Ordinal));
            return ExitCodes.UsageError;
        }

        try
        {
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
