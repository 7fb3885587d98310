using P2PSim.LoadGen.Engine;

namespace P2PSim.LoadTests;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Constant_rate_spaces_arrivals_evenly()
    {
        Assert.Equal(0, ArrivalSchedule.DueSeconds(0, 100, 100, 10), 9);
        Assert.Equal(0.01, ArrivalSchedule.DueSeconds(1, 100, 100, 10), 9);
        Assert.Equal(9.99, ArrivalSchedule.DueSeconds(999, 100, 100, 10), 9);
        Assert.True(double.IsPositiveInfinity(ArrivalSchedule.DueSeconds(1000, 100, 100, 10)));
    }

    [Fact]
    public void Ramp_from_zero_puts_half_the_arrivals_in_the_last_three_tenths_or_so()
    {
        // Rate 0 → 200/s over 10 s: 1,000 arrivals; N(t) = 10·t², so arrival k is due at sqrt(k/10).
        Assert.Equal(1000, ArrivalSchedule.TotalArrivals(0, 200, 10), 9);
        Assert.Equal(Math.Sqrt(500 / 10.0), ArrivalSchedule.DueSeconds(500, 0, 200, 10), 6);
        Assert.Equal(Math.Sqrt(999 / 10.0), ArrivalSchedule.DueSeconds(999, 0, 200, 10), 6);
    }

    [Fact]
    public void Ramp_down_is_front_loaded_and_due_times_only_grow()
    {
        var previous = -1.0;
        for (var k = 0; k < 750; k++)
        {
            var due = ArrivalSchedule.DueSeconds(k, 100, 50, 10);
            Assert.True(due > previous, $"arrival {k} at {due} s is not after {previous} s");
            previous = due;
        }

        // Half the time holds more than half the arrivals when the rate falls: N(5) = 500 - 62.5 = 437.5 of 750.
        Assert.True(ArrivalSchedule.DueSeconds(437, 100, 50, 10) <= 5.0);
        Assert.True(ArrivalSchedule.DueSeconds(438, 100, 50, 10) > 5.0);
    }
}
