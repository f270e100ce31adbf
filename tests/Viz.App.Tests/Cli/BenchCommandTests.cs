using System.Text.Json;

namespace Viz.App.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public void Bench_core_json_reports_the_four_figures()
    {
        (int exit, string output, _) = CliRunner.Run("bench", "core", "--json");
        Assert.Equal(0, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("buildGuestMs").GetDouble() > 0);
        Assert.True(root.GetProperty("allocOpsPerSec").GetDouble() > 0);
        Assert.True(root.GetProperty("snapshotMs").GetDouble() > 0);
        Assert.InRange(root.GetProperty("bytesPerPage").GetDouble(), 8, 64);
    }
}
