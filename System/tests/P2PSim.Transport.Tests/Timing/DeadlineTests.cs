using Microsoft.Extensions.Time.Testing;
using P2PSim.Transport.Timing;

namespace P2PSim.Transport.Tests.Timing;

/// <summary>Deadlines and idle timeouts on the injected clock; infinite ones create no timer and no linked source.</summary>
public sealed class DeadlineTests
{
    [Fact]
    public void A_linked_deadline_expires_on_its_clock_and_tells_expiry_from_the_callers_cancel()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var expiring = new LinkedDeadline(TimeSpan.FromSeconds(2), clock, CancellationToken.None);
        using var cancelled = new LinkedDeadline(TimeSpan.FromSeconds(2), clock, caller.Token);

        caller.Cancel();
        Assert.True(cancelled.Token.IsCancellationRequested);
        Assert.False(cancelled.Expired);
        Assert.False(expiring.Token.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(expiring.Token.IsCancellationRequested);
        Assert.True(expiring.Expired);
    }

    [Fact]
    public void An_infinite_deadline_is_the_callers_own_token()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();

        using var deadline = new LinkedDeadline(Timeout.InfiniteTimeSpan, clock, caller.Token);

        Assert.Equal(caller.Token, deadline.Token);
        Assert.False(deadline.Expired);
    }

    [Fact]
    public void An_idle_timeout_starts_at_the_first_restart_and_each_restart_postpones_it()
    {
        var clock = new FakeTimeProvider();
        using var idle = new IdleTimeout(TimeSpan.FromSeconds(10), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(idle.Expired); // not started yet

        var token = idle.Restart();
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(token, idle.Restart());
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(token.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(token.IsCancellationRequested);
        Assert.True(idle.Expired);
        Assert.Equal(token, idle.Token);
    }

    [Fact]
    public void An_infinite_idle_timeout_is_the_callers_own_token()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();

        using var idle = new IdleTimeout(Timeout.InfiniteTimeSpan, clock, caller.Token);

        Assert.Equal(caller.Token, idle.Restart());
        Assert.Equal(caller.Token, idle.Token);
    }
}
