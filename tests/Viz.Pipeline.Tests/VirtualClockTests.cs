using Viz.Pipeline;

namespace Viz.Pipeline.Tests;

public class VirtualClockTests
{
    [Fact]
    public void Advances_by_wall_time_times_the_factor()
    {
        var clock = new VirtualClock();
        Assert.Equal(100_000_000, clock.Advance(TimeSpan.FromMilliseconds(25), new SimulationSpeed(4)));
        Assert.Equal(25_000_000, clock.Advance(TimeSpan.FromMilliseconds(25), SimulationSpeed.RealTime));
    }

    [Fact]
    public void Long_gaps_count_as_the_catch_up_limit_so_no_debt_builds()
    {
        var clock = new VirtualClock();
        long ns = clock.Advance(TimeSpan.FromSeconds(10), new SimulationSpeed(2));
        Assert.Equal((long)(VirtualClock.MaxCatchUp.TotalMilliseconds * 2 * 1_000_000), ns);
    }

    [Fact]
    public void Fractions_are_carried_so_slow_speeds_keep_time()
    {
        var clock = new VirtualClock();
        long total = 0;
        for (int i = 0; i < 1000; i++)
        {
            total += clock.Advance(TimeSpan.FromTicks(3), new SimulationSpeed(0.1));
        }

        Assert.Equal(30_000, total);
    }

    [Fact]
    public void Flat_out_has_no_rate() =>
        Assert.Throws<ArgumentException>(() => new VirtualClock().Advance(TimeSpan.FromMilliseconds(1), SimulationSpeed.FlatOut));
}
