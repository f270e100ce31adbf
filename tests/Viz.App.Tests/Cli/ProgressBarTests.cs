using Microsoft.Extensions.Time.Testing;
using Viz.App.Cli;

namespace Viz.App.Tests.Cli;

/// <summary>The progress bar of headless runs: on a terminal, after a second; never on redirected stderr.</summary>
public class ProgressBarTests
{
    [Fact]
    public void A_run_shorter_than_a_second_draws_nothing()
    {
        using var error = new StringWriter();
        var time = new FakeTimeProvider();
        var bar = new ProgressBar(error, "running", terminal: true, time);

        time.Advance(TimeSpan.FromMilliseconds(900));
        bar.Update(0.5, "30 s of 60 s simulated");
        bar.Clear();

        Assert.Empty(error.ToString());
    }

    [Fact]
    public void After_a_second_on_a_terminal_the_bar_is_drawn_and_cleared()
    {
        using var error = new StringWriter();
        var time = new FakeTimeProvider();
        var bar = new ProgressBar(error, "running", terminal: true, time);

        time.Advance(TimeSpan.FromSeconds(1));
        bar.Update(0.5, "30 s of 60 s simulated");
        string drawn = error.ToString();
        bar.Clear();

        Assert.Equal($"\rrunning [{new string('#', 15)}{new string('.', 15)}] 30 s of 60 s simulated", drawn);
        Assert.EndsWith("\r", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.ToString()[drawn.Length..].Trim());
    }

    [Fact]
    public void Redraws_come_at_most_ten_times_a_second()
    {
        using var error = new StringWriter();
        var time = new FakeTimeProvider();
        var bar = new ProgressBar(error, "running", terminal: true, time);
        time.Advance(TimeSpan.FromSeconds(1));

        for (int i = 0; i < 100; i++)
        {
            bar.Update(i / 100.0, "x");
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.InRange(error.ToString().Count(c => c == '\r'), 9, 11);
    }

    [Fact]
    public void A_writer_that_is_not_the_terminal_gets_nothing()
    {
        using var error = new StringWriter();
        var bar = new ProgressBar(error, "running");

        bar.Update(0.5, "x");

        Assert.Empty(error.ToString());
    }

    [Theory]
    [InlineData("run", "--duration", "20m", "--memory", "256MiB", "--workload", "build")]
    [InlineData("compare", "--memory", "256MiB")]
    [InlineData("migrate", "--memory", "256MiB")]
    public void Headless_runs_print_nothing_on_redirected_stderr(params string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(args);

        Assert.Equal(0, exit);
        Assert.NotEmpty(output);
        Assert.Empty(error);
    }
}
