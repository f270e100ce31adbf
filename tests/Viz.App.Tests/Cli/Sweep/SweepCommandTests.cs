using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace Viz.App.Tests.Cli.Sweep;

/// <summary>balloonviz sweep: the points are the command run one by one; resume, array-job points, CSV and plots.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private static readonly string[] Sweep = ["sweep", "migrate", "--memory", "256MiB,512MiB", "--workload", "idle,freed:50%", "--no-config"];
    private readonly string _dir = Directory.CreateTempSubdirectory("balloonviz-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    private static JsonObject Result(string line) => (JsonObject)JsonNode.Parse(line)!["result"]!;

    [Fact]
    public void Each_point_is_what_the_command_prints_for_the_same_options_run_by_itself()
    {
        (int exit, string output, string error) = Run([.. Sweep, "--json", "--jobs", "2"]);

        Assert.True(exit == 0, error);
        string[] lines = Lines(output);
        Assert.Equal(4, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            JsonNode line = JsonNode.Parse(lines[i])!;
            Assert.Equal(i, (int)line["point"]!);
            string[] args = [.. line["args"]!.AsArray().Select(a => (string)a!)];
            (int alone, string json, _) = Run([.. args, "--json"]);
            Assert.Equal(0, alone);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), line["result"]), $"point {i} differs from {string.Join(' ', args)}");
        }

        Assert.Equal("freed:50%", (string)JsonNode.Parse(lines[3])!["options"]!["--workload"]!);
    }

    [Fact]
    public void A_rerun_skips_the_points_in_the_results_file_and_runs_only_the_new_ones()
    {
        string results = PathOf("results.jsonl");
        Assert.Equal(0, Run("sweep", "migrate", "--memory", "256MiB", "--workload", "idle,freed:50%", "--no-config", "--out", results).Exit);
        string before = File.ReadAllText(results);

        (int exit, string output, string error) = Run([.. Sweep, "--out", results]);

        Assert.True(exit == 0, error);
        string after = File.ReadAllText(results);
        Assert.StartsWith(before, after, StringComparison.Ordinal);
        Assert.Equal(4, Lines(after).Length);
        Assert.Equal(2, Lines(after[before.Length..]).Length);
        Assert.All(Lines(after[before.Length..]), line => Assert.Equal("512MiB", (string)JsonNode.Parse(line)!["options"]!["--memory"]!));
        Assert.Contains("freed:50%", output, StringComparison.Ordinal);
        Assert.Equal(0, Run([.. Sweep, "--out", results]).Exit);
        Assert.Equal(after, File.ReadAllText(results));
    }

    [Fact]
    public void A_last_line_cut_short_by_a_killed_sweep_is_dropped_and_its_point_runs_again()
    {
        string results = PathOf("cut.jsonl");
        Assert.Equal(0, Run([.. Sweep, "--out", results]).Exit);
        string whole = File.ReadAllText(results);
        File.WriteAllText(results, whole[..(whole.Length - 40)]);

        Assert.Equal(0, Run([.. Sweep, "--out", results]).Exit);

        Assert.Equal(4, Lines(File.ReadAllText(results)).Length);
        Assert.All(Lines(File.ReadAllText(results)), line => Assert.NotNull(JsonNode.Parse(line)));
    }

    [Fact]
    public void A_line_that_is_no_result_is_one_message_naming_the_file_and_the_line()
    {
        string results = PathOf("bad.jsonl");
        File.WriteAllText(results, "{\"point\":0}\nnot json\n");

        (int exit, string output, string error) = Run([.. Sweep, "--out", results]);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith($"balloonviz: {results}:1: not a line of sweep results", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_points_of_an_array_job_run_one_by_one_concatenate_into_the_whole_sweep()
    {
        (int exit, string listing, _) = Run([.. Sweep, "--list-points"]);
        Assert.Equal(0, exit);
        string[] points = Lines(listing);
        Assert.Equal(4, points.Length);
        Assert.Equal("3\tmigrate --memory 512MiB --workload freed:50% --no-config", points[3]);

        string gathered = PathOf("gathered.jsonl");
        foreach (int n in new[] { 2, 0, 3, 1 })
        {
            (int one, string line, string error) = Run([.. Sweep, "--point", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            Assert.True(one == 0, error);
            Assert.Single(Lines(line));
            File.AppendAllText(gathered, line);
        }

        (_, string whole, _) = Run([.. Sweep, "--json"]);
        Assert.Equal(Lines(whole), Lines(File.ReadAllText(gathered)).OrderBy(l => (int)JsonNode.Parse(l)!["point"]!));
        (int plotted, string table, string plotError) = Run([.. Sweep, "--out", gathered, "--plot", PathOf("gathered.png")]);
        Assert.True(plotted == 0, plotError);
        Assert.Equal(4, Lines(File.ReadAllText(gathered)).Length);
        Assert.Contains("point", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plot_is_a_png_of_the_size_asked_for_and_an_svg_when_the_name_says_so()
    {
        string png = PathOf("plot.png"), svg = PathOf("plot.svg");

        (int exit, _, string error) = Run([.. Sweep, "--plot", png, "--plot", svg, "--plot-size", "640x480"]);

        Assert.True(exit == 0, error);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(480, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        string text = File.ReadAllText(svg);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.Contains("width=\"640\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_has_a_row_a_point_and_a_chart_under_it_and_the_csv_every_field()
    {
        string csv = PathOf("points.csv");

        (int exit, string output, string error) = Run([.. Sweep, "--csv", csv]);

        Assert.True(exit == 0, error);
        string[] lines = Lines(output);
        Assert.StartsWith("point", lines[0].Trim(), StringComparison.Ordinal);
        Assert.Contains("--memory", lines[0], StringComparison.Ordinal);
        Assert.Contains("time ms", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("migration time (ms)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("guest memory (GiB)", StringComparison.Ordinal));
        string[] rows = File.ReadAllText(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, rows.Length);
        Assert.StartsWith("point,--memory,--workload,result.outcome,", rows[0], StringComparison.Ordinal);
        Assert.Contains("result.freeShareAtStart", rows[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Seeds_are_replicates_folded_into_a_mean_and_an_error_bar()
    {
        (int exit, string output, string error) = Run("sweep", "compare", "--memory", "256MiB", "--workload", "idle,freed:50%", "--seed", "1..3", "--no-config");

        Assert.True(exit == 0, error);
        string[] rows = [.. output.Split('\n').TakeWhile(l => l.Trim().Length > 0).Skip(1)];
        Assert.Equal(6, rows.Length);
        Assert.Equal(3, rows.Count(r => r.Contains("freed:50%", StringComparison.Ordinal)));
        Assert.Contains("● legacy  ○ hinting", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--x", "bandwidth" }, "--x 'bandwidth': the sweep has no such option; it has --memory, --workload")]
    [InlineData(new[] { "--point", "4" }, "--point 4: the sweep has points 0 to 3")]
    [InlineData(new[] { "--plot-size", "10x10" }, "--plot-size '10x10': write it as WIDTHxHEIGHT")]
    public void A_bad_sweep_option_is_one_message_before_any_point_runs(string[] extra, string message)
    {
        (int exit, string output, string error) = Run([.. Sweep, .. extra]);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith($"balloonviz: {message}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_the_command_refuses_names_the_point_and_its_command_line()
    {
        (int exit, string output, string error) = Run("sweep", "migrate", "--memory", "256MiB", "--workload", "hog:128MiB,hog:1GiB", "--no-config", "--jobs", "1");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("balloonviz: sweep point 1 (migrate --memory 256MiB --workload hog:1GiB --no-config): --workload hog:1GiB: its size is larger than the guest", error, StringComparison.Ordinal);
    }
}
