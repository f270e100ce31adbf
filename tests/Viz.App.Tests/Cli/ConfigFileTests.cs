using System.Text.Json;

namespace Viz.App.Tests.Cli;

/// <summary>
/// The config file of default options: top-level keys for every command, tables per command overriding them, the
/// command line overriding both; bad files, keys and values get one line naming the file and the line, exit code 2.
/// </summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), $"balloonviz-config-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public void Top_level_keys_apply_to_the_command()
    {
        WriteXdgConfig("memory = \"1GiB\"\nworkload = \"build\"\nbandwidth = \"1GiB/s\"\n");

        JsonElement run = RunJson(Xdg);

        Assert.Equal(1L << 30, run.GetProperty("memoryBytes").GetInt64());
        Assert.Equal("build", run.GetProperty("workloadProgress").GetProperty("workload").GetString());
    }

    [Fact]
    public void A_command_table_overrides_the_top_level_and_the_command_line_overrides_both()
    {
        WriteXdgConfig("memory = \"1GiB\"\n[run]\nmemory = \"2GiB\"\nseed = 7\n[migrate]\nmemory = \"4GiB\"\n");

        Assert.Equal(2L << 30, RunJson(Xdg).GetProperty("memoryBytes").GetInt64());
        Assert.Equal(7UL, RunJson(Xdg).GetProperty("seed").GetUInt64());
        Assert.Equal(512L << 20, RunJson(Xdg, "--memory", "512MiB").GetProperty("memoryBytes").GetInt64());
    }

    [Fact]
    public void Booleans_set_flags_and_on_off_options()
    {
        WriteXdgConfig("[run]\njson = true\nreporting = true\n");

        (int exit, string output, string error) = CliRunner.Run(Xdg, "run", "--duration", "1s", "--memory", "256MiB");

        Assert.True(exit == 0, error);
        JsonElement run = JsonDocument.Parse(output).RootElement;
        Assert.Contains("free-page-reporting=on", run.GetProperty("device").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_config_skips_the_file()
    {
        WriteXdgConfig("memory = \"1GiB\"\n");

        Assert.Equal(8L << 30, RunJson(Xdg, "--no-config").GetProperty("memoryBytes").GetInt64());
    }

    [Fact]
    public void Without_XDG_CONFIG_HOME_the_file_is_in_home_dot_config()
    {
        Write(Path.Combine(_home, ".config", "balloonviz", "config.toml"), "memory = \"1GiB\"\n");

        Assert.Equal(1L << 30, RunJson(name => name == "HOME" ? _home : null).GetProperty("memoryBytes").GetInt64());
    }

    [Fact]
    public void BALLOONVIZ_CONFIG_points_elsewhere()
    {
        WriteXdgConfig("memory = \"1GiB\"\n");
        string elsewhere = Path.Combine(_home, "other.toml");
        Write(elsewhere, "memory = \"2GiB\"\n");

        Assert.Equal(2L << 30, RunJson(name => name == "BALLOONVIZ_CONFIG" ? elsewhere : Xdg(name)).GetProperty("memoryBytes").GetInt64());
    }

    [Theory]
    [InlineData("memory = \"1KiB\"\n", ":1: memory = '1KiB': --memory must be between 64MiB and 1TiB")]
    [InlineData("\n[run]\nseed = \"x\"\n", ":3: seed = 'x': --seed takes a whole number")]
    [InlineData("memory = \n", ":1: ")]
    [InlineData("memory = \"1GiB\"\nmemory = \"2GiB\"\n", ":2: ")]
    [InlineData("memroy = \"1GiB\"\n", ":1: unknown key memroy")]
    [InlineData("[run]\nspeed = \"x4\"\n", ":2: unknown key speed: no option --speed in balloonviz run")]
    [InlineData("[rum]\n", ":1: unknown table [rum]")]
    [InlineData("json = \"yes\"\n", ":1: json takes true or false")]
    [InlineData("memory = [\"1GiB\"]\n", ":1: memory takes one value")]
    [InlineData("help = true\n", ":1: unknown key help")]
    [InlineData("[keys]\nmigrate = 3\n", ":2: [keys] migrate takes a string")]
    public void A_bad_config_gets_one_line_naming_the_file_and_line_and_exit_code_2(string toml, string expected)
    {
        string path = WriteXdgConfig(toml);

        (int exit, string output, string error) = CliRunner.Run(Xdg, "run", "--duration", "1s");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"balloonviz: {path}{expected}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[keys]\nmigrate = \"M\"\n", ":2: migrate = 'M': --key: 'M' is bound to both migrate and ping-pong")]
    [InlineData("[keys]\nmigrat = \"j\"\n", ":2: migrat = 'j': --key: 'migrat' is no key binding")]
    public void A_keys_table_the_key_map_refuses_is_one_line_naming_the_file_and_line(string toml, string expected)
    {
        string path = WriteXdgConfig(toml);

        (int exit, string output, string error) = CliRunner.Run(Xdg);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith($"balloonviz: {path}{expected}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keys_table_applies_to_the_visualizer_and_the_command_line_key_wins()
    {
        WriteXdgConfig("[keys]\nmigrate = \"j\"\n");

        (int exit, _, string error) = CliRunner.Run(Xdg, "--key", "migrate=M");

        Assert.Equal(2, exit);
        Assert.Contains("--key: 'M' is bound to both migrate and ping-pong", error, StringComparison.Ordinal);
        Assert.DoesNotContain("config.toml", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_BALLOONVIZ_CONFIG_is_a_usage_error()
    {
        (int exit, _, string error) = CliRunner.Run(name => name == "BALLOONVIZ_CONFIG" ? "/nonexistent/balloonviz.toml" : null, "run");

        Assert.Equal(2, exit);
        Assert.StartsWith("balloonviz: BALLOONVIZ_CONFIG names /nonexistent/balloonviz.toml, which does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_shown_even_with_a_bad_config()
    {
        WriteXdgConfig("memory = \"1KiB\"\n");

        (int exit, string output, _) = CliRunner.Run(Xdg, "run", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--no-config", output, StringComparison.Ordinal);
    }

    private string? Xdg(string name) => name == "XDG_CONFIG_HOME" ? Path.Combine(_home, "xdg") : null;

    private string WriteXdgConfig(string toml)
    {
        string path = Path.Combine(_home, "xdg", "balloonviz", "config.toml");
        Write(path, toml);
        return path;
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static JsonElement RunJson(Func<string, string?> environment, params string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(environment, ["run", "--duration", "1s", "--json", .. args]);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }
}
