using System.Text.Json;

namespace Viz.App.Tests.Cli;

/// <summary>--buddyinfo: a guest's saved /proc/buddyinfo sets how much of the booted guest's free memory is in 4 MiB blocks.</summary>
public sealed class BuddyinfoOptionTests : IDisposable
{
    private const string Fragmented =
        "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3\n"
        + "Node 0, zone    DMA32   1820   1505   1206    905    713    520    390    301    215    120    310\n"
        + "Node 0, zone   Normal  21840  14200  10311   7400   5202   3801   2630   1740   1012    620    801\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("balloonviz-buddyinfo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_share_is_the_free_pages_in_max_order_blocks_over_all_free_pages_of_every_zone()
    {
        string path = Write(Fragmented);
        double free = 0;
        foreach (string line in Fragmented.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            long[] counts = [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(4).Select(long.Parse)];
            free += counts.Select((count, order) => count * (double)(1L << order)).Sum();
        }

        Assert.Equal((3 + 310 + 801) * 1024 / free, Viz.App.Cli.BuddyinfoFile.MaxOrderFreeShare(path), 12);
    }

    /// <summary>The upstream driver hints only free 4 MiB blocks, so a guest whose free memory is split up lets hinting skip less.</summary>
    [Fact]
    public void A_fragmented_guest_lets_upstream_hinting_skip_less()
    {
        (int exit, string output, string error) = CliRunner.Run("compare", "--memory", "1GiB", "--buddyinfo", Write(Fragmented), "--json");
        (_, string plain, _) = CliRunner.Run("compare", "--memory", "1GiB", "--json");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.True(Skipped(output) < Skipped(plain) * 0.6, $"fragmented {Skipped(output)}, as booted {Skipped(plain)}");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("Node 0, zone Normal 1 2 3\n", "line 1 is not \"Node N, zone NAME\" and 11 counts")]
    [InlineData("Node 0, zone Normal 1 2 3 4 5 6 7 8 9 x 11\n", "line 1: the count of order 9 is 'x', not a whole number")]
    [InlineData("Node 0, zone Normal 0 0 0 0 0 0 0 0 0 0 0\n", "no free block in any zone")]
    public void A_buddyinfo_file_it_cannot_use_is_one_line_naming_it(string text, string expected)
    {
        string path = Write(text);

        (int exit, _, string error) = CliRunner.Run("run", "--buddyinfo", path);

        Assert.Equal(2, exit);
        Assert.Contains($"{path}: {expected}", error, StringComparison.Ordinal);
    }

    private static long Skipped(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("hinting").GetProperty("pagesSkippedByHint").GetInt64();
    }

    private string Write(string text)
    {
        string path = Path.Combine(_folder, "buddyinfo");
        File.WriteAllText(path, text);
        return path;
    }
}
