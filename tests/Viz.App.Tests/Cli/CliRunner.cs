using Viz.App.Cli;

namespace Viz.App.Tests.Cli;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    /// <summary>An environment without variables: no config file is read (not even the user's own).</summary>
    public static string? NoEnvironment(string name) => null;

    public static (int ExitCode, string Output, string Error) Run(params string[] args) => Run(NoEnvironment, args);

    /// <summary>Runs with <paramref name="environment"/> as the process's environment (HOME, XDG_CONFIG_HOME, BALLOONVIZ_CONFIG).</summary>
    public static (int ExitCode, string Output, string Error) Run(Func<string, string?> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = BalloonvizCli.Run(args, output, error, environment);
        return (exit, output.ToString(), error.ToString());
    }
}
