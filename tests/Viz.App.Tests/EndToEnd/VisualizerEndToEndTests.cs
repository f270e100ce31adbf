using Viz.App.Tui;

namespace Viz.App.Tests.EndToEnd;

/// <summary>The real app in a real terminal (tmux): keys typed, the screen read back, the exit checked.</summary>
[Collection(nameof(EndToEnd))]
public sealed class VisualizerEndToEndTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("balloonviz-e2e-").FullName;
    private readonly Tmux _tmux = new();

    public void Dispose()
    {
        _tmux.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// Starts the app in tmux; after it exits, the pane's shell records its exit code and the terminal's settings (the
    /// settings written to a side file and renamed, so a test never reads them half written).
    /// </summary>
    private void Start(string args, int columns = 150, int rows = 45) =>
        _tmux.Start(
            $"XDG_CONFIG_HOME='{_folder}' BALLOONVIZ_CONFIG= '{AppProcess.Dotnet}' '{AppProcess.Dll}' {args}; echo $? > '{_folder}/exit'; stty -a > '{_folder}/stty.part' && mv '{_folder}/stty.part' '{_folder}/stty'; sleep 60",
            columns,
            rows);

    private string WaitForExit()
    {
        string path = Path.Combine(_folder, "stty");
        for (int i = 0; i < 200 && !File.Exists(path); i++)
        {
            Thread.Sleep(100);
        }

        Thread.Sleep(200);
        Assert.True(File.Exists(path), $"the app did not exit; the pane shows:\n{_tmux.Capture()}");
        return File.ReadAllText(Path.Combine(_folder, "exit")).Trim();
    }

    [TmuxFact]
    public void Keys_typed_in_the_terminal_change_the_simulation_and_q_quits_cleanly()
    {
        Start("--memory 256MiB --speed paused");
        _tmux.WaitFor("Counters");
        _tmux.WaitFor("PAUSED");

        _tmux.Send("p");
        _tmux.WaitFor("page_poison=1 (0xaa)");
        _tmux.Send("w");
        _tmux.WaitFor("build (");
        _tmux.Send("h");
        _tmux.WaitFor("free-page-hint=on");
        _tmux.WaitFor("hinting (h)        on:");
        _tmux.Send("m");
        _tmux.WaitFor("live migration started (with free page hinting)");
        _tmux.Send("Space");
        _tmux.WaitFor("#1 completed");
        _tmux.Send("q");

        Assert.Equal("0", WaitForExit());
        string stty = File.ReadAllText(Path.Combine(_folder, "stty"));
        Assert.Contains(" icanon", stty, StringComparison.Ordinal);
        Assert.Contains(" echo", stty, StringComparison.Ordinal);
    }

    [TmuxFact]
    public void Esc_does_not_quit_it_only_closes_the_help_screen()
    {
        Start("--memory 256MiB --speed paused");
        _tmux.WaitFor("Counters");
        _tmux.Send("Escape");
        _tmux.WaitFor("Esc closes the help screen; q quits");
        _tmux.Send("?");
        _tmux.WaitFor("every key and what each colour means");
        _tmux.Send("Escape");
        _tmux.WaitFor("Counters");
        Assert.False(File.Exists(Path.Combine(_folder, "exit")), $"Esc quit the app; the pane shows:\n{_tmux.Capture()}");
        _tmux.Send("q");
        Assert.Equal("0", WaitForExit());
    }

    [TmuxFact]
    public void Ctrl_c_quits_and_gives_the_terminal_back()
    {
        Start("--memory 256MiB");
        _tmux.WaitFor("Counters");
        _tmux.Send("C-c");

        string exit = WaitForExit();
        Assert.True(exit == "0", $"exit code {exit} after Ctrl+C (130 would be a SIGINT kill); the pane shows:\n{_tmux.Capture()}");
        Assert.Contains(" icanon", File.ReadAllText(Path.Combine(_folder, "stty")), StringComparison.Ordinal);
    }

    [TmuxFact]
    public void A_small_terminal_gets_the_minimum_size_and_the_layout_returns_when_it_grows()
    {
        Start("--memory 256MiB --speed paused", columns: 50, rows: 15);
        _tmux.WaitFor("Terminal too small");
        _tmux.Resize(150, 45);
        _tmux.WaitFor("Counters");
        _tmux.Send("q");
        Assert.Equal("0", WaitForExit());
    }

    [Fact]
    public void Without_a_terminal_it_says_so_points_to_the_headless_commands_and_fails()
    {
        (int exitCode, string output, string error) = AppProcess.RunWithoutTerminal("--memory", "256MiB");
        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("needs an interactive terminal", error, StringComparison.Ordinal);
        Assert.Contains("balloonviz run", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dumb_terminal_is_refused_with_a_pointer_to_the_headless_commands()
    {
        var options = new TuiOptions { Simulation = Tui.Headless.SmallGuest, Environment = name => name == "TERM" ? "dumb" : null };
        using var error = new StringWriter();
        Assert.Equal(2, TuiApp.Run(options, error));
        Assert.Contains("TERM=dumb", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("balloonviz run", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_start_up_options_get_one_line_and_exit_code_2()
    {
        (int exitCode, _, string error) = AppProcess.RunWithoutTerminal("--speed", "warp");
        Assert.Equal(2, exitCode);
        Assert.Contains("--speed: speed must be a factor", error, StringComparison.Ordinal);
    }
}

/// <summary>End-to-end tests run one at a time: each starts a real app, and the machine is small.</summary>
[CollectionDefinition(nameof(EndToEnd), DisableParallelization = true)]
public sealed class EndToEnd;
