using Viz.Pipeline;

namespace Viz.Pipeline.Tests;

public class SimulationSpeedTests
{
    [Fact]
    public void Faster_and_slower_walk_the_ladder_and_stop_at_its_ends()
    {
        Assert.Equal(new SimulationSpeed(2), SimulationSpeed.RealTime.Faster());
        Assert.Equal(new SimulationSpeed(0.5), SimulationSpeed.RealTime.Slower());
        Assert.Equal(SimulationSpeed.FlatOut, SimulationSpeed.FlatOut.Faster());
        Assert.Equal(SimulationSpeed.FlatOut, new SimulationSpeed(100).Faster());
        Assert.Equal(new SimulationSpeed(100), SimulationSpeed.FlatOut.Slower());
        Assert.Equal(SimulationSpeed.Ladder[0], SimulationSpeed.Ladder[0].Slower());
    }

    [Fact]
    public void A_speed_off_the_ladder_steps_to_its_neighbours()
    {
        Assert.Equal(new SimulationSpeed(4), new SimulationSpeed(3).Faster());
        Assert.Equal(new SimulationSpeed(2), new SimulationSpeed(3).Slower());
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("x4", 4.0)]
    [InlineData("×0.5", 0.5)]
    [InlineData("max", double.PositiveInfinity)]
    [InlineData("flat", double.PositiveInfinity)]
    public void Parses_factors_and_flat_out(string text, double factor)
    {
        Assert.True(SimulationSpeed.TryParse(text, out SimulationSpeed speed, out _));
        Assert.Equal(factor, speed.Factor);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("1e9")]
    [InlineData("")]
    public void Rejects_anything_else_with_a_reason(string text)
    {
        Assert.False(SimulationSpeed.TryParse(text, out _, out string error));
        Assert.Contains("speed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prints_as_a_factor_or_flat_out()
    {
        Assert.Equal("×4", new SimulationSpeed(4).ToString());
        Assert.Equal("×0.25", new SimulationSpeed(0.25).ToString());
        Assert.Equal("flat out", SimulationSpeed.FlatOut.ToString());
    }
}
