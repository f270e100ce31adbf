namespace Viz.App.Tests.Cli.Scenarios;

/// <summary>--versus OPTION=VALUE: what it takes and what it refuses, before any terminal is needed.</summary>
public sealed class VersusOptionTests
{
    [Theory]
    [InlineData("hinting", "write OPTION=VALUE")]
    [InlineData("memory=4GiB", "memory makes another guest")]
    [InlineData("colour=red", "no option 'colour' to change")]
    [InlineData("hinting=maybe", "--versus 'hinting=maybe': ")]
    [InlineData("poison=lots", "--versus 'poison=lots': ")]
    public void A_bad_change_is_one_message(string change, string message)
    {
        (int exit, string output, string error) = CliRunner.Run("--versus", change, "--memory", "1GiB");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Versus_takes_no_guest_specs()
    {
        (int exit, _, string error) = CliRunner.Run("--versus", "hinting=on", "--guest", "1GiB:idle", "--guest", "1GiB:idle", "--host-memory", "4GiB");

        Assert.Equal(2, exit);
        Assert.Contains("does not take --guest", error, StringComparison.Ordinal);
    }
}
