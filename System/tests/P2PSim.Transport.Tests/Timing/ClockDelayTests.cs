using Microsoft.Extensions.Time.Testing;
using P2PSim.Transport.Timing;

namespace P2PSim.Transport.Tests.Timing;

/// <summary>The one delay: on the injected clock, and an infinite one is a wait for cancellation alone.</summary>
public sealed class ClockDelayTests
{
    [Fact]
    public async Task A_delay_on_a_fake_clock_ends_when_that_clock_passes_it()
    {
        var clock = new FakeTimeProvider();

        var delay = ClockDelay.DelayAsync(TimeSpan.FromSeconds(5), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await delay;
    }

    [Fact]
    public async Task A_delay_shorter_than_a_millisecond_still_waits_for_the_clock()
    {
        // Task.Delay alone completes it at once: a loop waiting for a deadline 49 µs away would spin on a clock
        // that never moves meanwhile (a simulated one).
        var clock = new FakeTimeProvider();

        var delay = ClockDelay.DelayAsync(TimeSpan.FromTicks(493), clock, CancellationToken.None);
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        await delay;
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 10_000)]
    [InlineData(493, 10_000)]
    [InlineData(10_000, 10_000)]
    [InlineData(10_001, 20_000)]
    public void Delays_are_rounded_up_to_whole_milliseconds(long ticks, long rounded) =>
        Assert.Equal(TimeSpan.FromTicks(rounded), ClockDelay.WholeMilliseconds(TimeSpan.FromTicks(ticks)));

    [Fact]
    public async Task An_infinite_delay_ends_only_when_cancelled()
    {
        var clock = new FakeTimeProvider();
        using var cancel = new CancellationTokenSource();

        var delay = ClockDelay.DelayAsync(Timeout.InfiniteTimeSpan, clock, cancel.Token);
        clock.Advance(TimeSpan.FromDays(365));
        Assert.False(delay.IsCompleted);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
    }

    [Fact]
    public async Task A_delay_on_the_system_clock_is_cancellable()
    {
        using var cancel = new CancellationTokenSource();
        var delay = ClockDelay.DelayAsync(TimeSpan.FromMinutes(5), TimeProvider.System, cancel.Token);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
    }
}
