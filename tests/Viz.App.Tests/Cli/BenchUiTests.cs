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
        Assert.True(root.GetProperty("frameMs").GetDouble() > 0);
        Assert.Equal(root.GetProperty("buildMs").GetDouble() + root.GetProperty("drawMs").GetDouble(), root.GetProperty("frameMs").GetDouble(), tolerance: 5);
        Assert.Equal(24_000, root.GetProperty("cells").GetInt32());
        Assert.Equal(8L << 30, root.GetProperty("guestBytes").GetInt64());
    }
}
