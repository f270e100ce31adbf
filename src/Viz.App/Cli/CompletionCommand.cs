using System.CommandLine;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>`balloonviz completion bash|zsh|fish`: prints a shell completion script written from the command definitions.</summary>
public static class CompletionCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        Argument<string> shell = new("shell")
        {
            Description = "The shell: bash, zsh or fish.",
            HelpName = "bash|zsh|fish",
        };
        string[] shells = ["bash", "zsh", "fish"];
        shell.CompletionSources.Add(shells);
        shell.Validators.Add(result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (!shells.Contains(text))
            {
                result.AddError($"completion takes bash, zsh or fish, not {Quoting.Quote(text)}");
            }
        });
        var command = new Command(
            "completion",
            "Print a completion script for bash, zsh or fish: e.g. `balloonviz completion bash > ~/.local/share/bash-completion/completions/balloonviz`, `balloonviz completion zsh > ~/.zfunc/_balloonviz` (a folder in $fpath), `balloonviz completion fish > ~/.config/fish/completions/balloonviz.fish`.")
        {
            shell,
        };
        command.SetAction(parse =>
        {
            var root = (RootCommand)parse.RootCommandResult.Command;
            string script = parse.GetRequiredValue(shell) switch
            {
                "bash" => BashCompletion.Script(root),
                "zsh" => ZshCompletion.Script(root),
                _ => FishCompletion.Script(root),
            };
            parse.InvocationConfiguration.Output.Write(script);
            return 0;
        });
        return command;
    }
}
