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
