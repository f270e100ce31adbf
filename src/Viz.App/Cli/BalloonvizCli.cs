using System.CommandLine;
using Viz.App.Common;

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
        };
        VisualizerCommand.Configure(root);
        return root;
    }

    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        RootCommand root = Build();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"balloonviz: {parse.Errors[0].Message}");
            error.WriteLine("Try 'balloonviz --help'.");
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
}
