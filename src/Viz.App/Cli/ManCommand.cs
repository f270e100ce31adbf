using System.CommandLine;

namespace Viz.App.Cli;

/// <summary>`balloonviz man`: prints the balloonviz(1) man page.</summary>
public static class ManCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("man", "Print the balloonviz(1) man page in roff: e.g. `balloonviz man | man -l -`, or `balloonviz man > ~/.local/share/man/man1/balloonviz.1`.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(ManPage.Write((RootCommand)parse.RootCommandResult.Command));
            return 0;
        });
        return command;
    }
}
