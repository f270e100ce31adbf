using System.Text.Json;
using Viz.App.Cli;

namespace Viz.App.Tests.Cli;

public class BenchUiTests
{
    [Fact]
    public void Bench_ui_json_reports_the_frame_time_of_a_200_by_60_grid()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int exitCode = BalloonvizCli.Run(["bench", "ui", "--json"], output, error, CliRunner.NoEnvironment);

        Assert.Equal(0, exitCode);
        Assert.Empty(error.ToString());
        using JsonDocument json = JsonDocument.Parse(output.ToString());
        JsonElement root = json.RootElement;
        // Medians of the parts do not add up to the median of the whole, and the machine may be busy: only the shape is
        // checked here; the figures themselves are the bench command's to report.
        Assert.True(root.GetProperty("frameMs").GetDouble() > 0);
        Assert.True(root.GetProperty("buildMs").GetDouble() > 0);
        Assert.True(root.GetProperty("drawMs").GetDouble() > 0);
        Assert.Equal(24_000, root.GetProperty("cells").GetInt32());
        Assert.Equal(8L << 30, root.GetProperty("guestBytes").GetInt64());
    }
}
