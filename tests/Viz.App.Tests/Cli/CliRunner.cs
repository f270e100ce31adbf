using Viz.App.Cli;

namespace Viz.App.Tests.Cli;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = BalloonvizCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
