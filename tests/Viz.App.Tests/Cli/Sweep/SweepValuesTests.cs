using Viz.App.Cli;
using Viz.App.Common;

namespace Viz.App.Tests.Cli.Sweep;

/// <summary>A sweep option's values: lists and ranges.</summary>
public sealed class SweepValuesTests
{
    [Theory]
    [InlineData("8GiB", new[] { "8GiB" })]
    [InlineData("idle,freed:50%,freed:80%", new[] { "idle", "freed:50%", "freed:80%" })]
    [InlineData("1GiB..256GiB*2", new[] { "1GiB", "2GiB", "4GiB", "8GiB", "16GiB", "32GiB", "64GiB", "128GiB", "256GiB" })]
    [InlineData("1..5", new[] { "1", "2", "3", "4", "5" })]
    [InlineData("freed:10%..90%+20%", new[] { "freed:10%", "freed:30%", "freed:50%", "freed:70%", "freed:90%" })]
    [InlineData("0.5s..1.5s+0.5s", new[] { "0.5s", "1s", "1.5s" })]
    [InlineData("1..10+4", new[] { "1", "5", "9" })]
    [InlineData("build,work=20m,hog:1GiB", new[] { "build,work=20m", "hog:1GiB" })]
    [InlineData("off,on", new[] { "off", "on" })]
    [InlineData("8GiB:freed:0%..40%+20%", new[] { "8GiB:freed:0%", "8GiB:freed:20%", "8GiB:freed:40%" })]
    [InlineData("1..3,10", new[] { "1", "2", "3", "10" })]
    [InlineData("1GiB:freed:0%..80%+40%,reporting=on,seed=2", new[] { "1GiB:freed:0%,reporting=on,seed=2", "1GiB:freed:40%,reporting=on,seed=2", "1GiB:freed:80%,reporting=on,seed=2" })]
    public void Lists_and_ranges_expand_in_order(string text, string[] values) =>
        Assert.Equal(values, SweepValues.Expand("--x", text));

    [Theory]
    [InlineData("5..1", "TO is smaller than FROM")]
    [InlineData("1GiB..4MiB", "FROM is in GiB and TO in MiB")]
    [InlineData("1..8*1", "a FACTOR must be above 1")]
    [InlineData("0..8*2", "FROM above 0")]
    [InlineData("1..8+0", "a STEP must be above 0")]
    [InlineData("1GiB..8GiB+1s", "the step is in s")]
    [InlineData("a..b", "not a range")]
    [InlineData("1..100000", "more than 10,000 values")]
    public void A_bad_range_is_one_message_naming_the_option(string text, string problem)
    {
        var e = Assert.Throws<UsageException>(() => SweepValues.Expand("--memory", text));
        Assert.StartsWith($"--memory '{text}': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
