using Viz.Simulation.Units;

namespace Viz.Simulation.Tests.Units;

public class UnitsTests
{
    [Theory]
    [InlineData("8GiB", 8L << 30)]
    [InlineData("8G", 8L << 30)]
    [InlineData("8 GB", 8L << 30)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("4096", 4096)]
    [InlineData("1TiB", 1L << 40)]
    [InlineData("64m", 64L << 20)]
    public void Sizes_parse_in_binary_units(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out long parsed, out _));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GiB")]
    [InlineData("8XB")]
    [InlineData("-1GiB")]
    [InlineData("lots")]
    public void Non_sizes_are_refused_with_a_reason(string text)
    {
        Assert.False(ByteSize.TryParse(text, out _, out string error));
        Assert.Contains("8GiB", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8L << 30, "8 GiB")]
    [InlineData(3L << 29, "1.5 GiB")]
    [InlineData(512, "512 B")]
    public void Sizes_format_with_binary_units(long bytes, string text)
    {
        Assert.Equal(text, ByteSize.Format(bytes));
    }

    [Theory]
    [InlineData("60s", 60_000_000_000)]
    [InlineData("1500ms", 1_500_000_000)]
    [InlineData("2m", 120_000_000_000)]
    [InlineData("1h", 3_600_000_000_000)]
    [InlineData("250us", 250_000)]
    [InlineData("5", 5_000_000_000)]
    public void Durations_parse_with_units(string text, long ns)
    {
        Assert.True(SimDuration.TryParse(text, out long parsed, out _));
        Assert.Equal(ns, parsed);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("5 parsecs")]
    public void Non_durations_are_refused(string text)
    {
        Assert.False(SimDuration.TryParse(text, out _, out string error));
        Assert.Contains("60s", error, StringComparison.Ordinal);
    }
}
