using System.CommandLine;
using Viz.App.Cli;
using Viz.App.Common;

namespace Viz.App.Tests.Cli.Sweep;

/// <summary>The points of a sweep: the product of its options' values, against the command's own options.</summary>
public sealed class SweepPlanTests
{
    private static Command Target(string name) => BalloonvizCli.Build().Subcommands.Single(c => c.Name == name);

    [Fact]
    public void The_points_are_the_product_with_the_last_option_varying_fastest()
    {
        SweepPlan plan = SweepPlan.Build(Target("compare"), ["--memory", "1GiB,2GiB", "--workload", "idle,freed:50%,freed:80%", "--init-on-alloc", "off"]);

        Assert.Equal(6, plan.Count);
        Assert.Equal(["compare", "--memory", "1GiB", "--workload", "idle", "--init-on-alloc", "off"], plan.Point(0).Args);
        Assert.Equal(["compare", "--memory", "1GiB", "--workload", "freed:50%", "--init-on-alloc", "off"], plan.Point(1).Args);
        Assert.Equal(["compare", "--memory", "2GiB", "--workload", "freed:80%", "--init-on-alloc", "off"], plan.Point(5).Args);
        Assert.Equal("2GiB", plan.Point(3).Options["--memory"]);
        Assert.Equal(["--memory", "--workload"], plan.Varied.Select(d => d.Key));
        Assert.Equal(plan.Count, plan.Points().Select(p => p.Identity).Distinct().Count());
    }

    [Fact]
    public void Flags_stay_as_given_and_option_equals_value_is_a_value()
    {
        SweepPlan plan = SweepPlan.Build(Target("run"), ["--series", "--memory=1GiB,2GiB", "--no-config"]);

        Assert.Equal(2, plan.Count);
        Assert.Equal(["run", "--series", "--memory", "2GiB", "--no-config"], plan.Point(1).Args);
    }

    [Fact]
    public void A_repeated_option_is_one_dimension_each_time()
    {
        SweepPlan plan = SweepPlan.Build(Target("host"), ["--guest", "1GiB:idle", "--guest", "1GiB:freed:0%,1GiB:freed:50%", "--host-memory", "2GiB"]);

        Assert.Equal(["--guest", "--guest #2", "--host-memory"], plan.Dimensions.Select(d => d.Key));
        Assert.Equal(2, plan.Count);
        Assert.Equal("1GiB:freed:50%", plan.Point(1).Options["--guest #2"]);
    }

    [Theory]
    [InlineData(new[] { "--no-such", "1" }, "compare has no option '--no-such'")]
    [InlineData(new[] { "stray" }, "'stray' is not an option")]
    [InlineData(new[] { "--memory" }, "--memory needs a value")]
    public void A_token_the_command_would_not_take_is_one_message(string[] tokens, string message)
    {
        var e = Assert.Throws<UsageException>(() => SweepPlan.Build(Target("compare"), tokens));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_of_more_than_a_million_points_is_refused()
    {
        var e = Assert.Throws<UsageException>(() => SweepPlan.Build(Target("run"), ["--seed", "1..10000", "--duration", "1s..200s"]));
        Assert.Contains("2,000,000 points", e.Message, StringComparison.Ordinal);
    }
}
