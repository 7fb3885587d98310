using Microsoft.Extensions.Time.Testing;
using P2PSim.DirectoryServer.Accounts;

namespace P2PSim.DirectoryServer.Tests.Accounts;

/// <summary>The guessing throttle on a fake clock: free failures, doubling waits, the cap, forgetting, the bound.</summary>
public sealed class LoginThrottleTests
{
    private static readonly AccountOptions Options = new()
    {
        FreeFailures = 3,
        FirstDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(10),
        ForgetAfter = TimeSpan.FromMinutes(10),
    };

    [Fact]
    public void The_free_failures_cost_nothing_then_each_failure_doubles_the_wait_up_to_the_cap()
    {
        var clock = new FakeTimeProvider();
        var throttle = new LoginThrottle(Options, clock);
        var waits = new List<double>();
        for (var failure = 1; failure <= 8; failure++)
        {
            throttle.Failed("alice", "10.0.0.1");
            waits.Add(throttle.Wait("alice", "10.0.0.1").TotalSeconds);
            clock.Advance(throttle.Wait("alice", "10.0.0.1"));
        }

        Assert.Equal([0, 0, 0, 1, 2, 4, 8, 10], waits);
    }

    [Fact]
    public void The_wait_runs_down_with_the_clock()
    {
        var clock = new FakeTimeProvider();
        var throttle = new LoginThrottle(Options, clock);
        for (var i = 0; i < 5; i++)
        {
            throttle.Failed("alice", "10.0.0.1");
        }

        Assert.Equal(TimeSpan.FromSeconds(2), throttle.Wait("alice", "10.0.0.1"));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(TimeSpan.FromSeconds(0.5), throttle.Wait("alice", "10.0.0.1"));
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(TimeSpan.Zero, throttle.Wait("alice", "10.0.0.1"));
    }

    [Fact]
    public void Guessing_one_account_from_many_addresses_is_slowed_by_the_account_and_many_accounts_from_one_address_by_the_address()
    {
        var clock = new FakeTimeProvider();
        var throttle = new LoginThrottle(Options, clock);
        for (var i = 0; i < 4; i++)
        {
            throttle.Failed("alice", $"10.0.0.{i}");
            throttle.Failed($"user{i}", "10.9.9.9");
        }

        Assert.Equal(TimeSpan.FromSeconds(1), throttle.Wait("alice", "10.0.0.200"));
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.Wait("someone-else", "10.9.9.9"));
        Assert.Equal(TimeSpan.Zero, throttle.Wait("someone-else", "10.0.0.200"));
    }

    [Fact]
    public void A_success_forgets_the_accounts_failures_but_not_the_addresss()
    {
        var clock = new FakeTimeProvider();
        var throttle = new LoginThrottle(Options, clock);
        for (var i = 0; i < 4; i++)
        {
            throttle.Failed("alice", "10.0.0.1");
        }

        throttle.Succeeded("alice");

        Assert.Equal(TimeSpan.Zero, throttle.Wait("alice", "10.0.0.2"));
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.Wait("alice", "10.0.0.1"));
    }

    [Fact]
    public void Failures_are_forgotten_after_a_quiet_while()
    {
        var clock = new FakeTimeProvider();
        var throttle = new LoginThrottle(Options, clock);
        for (var i = 0; i < 8; i++)
        {
            throttle.Failed("alice", "10.0.0.1");
        }

        clock.Advance(Options.ForgetAfter);
        throttle.Failed("alice", "10.0.0.1");

        Assert.Equal(TimeSpan.Zero, throttle.Wait("alice", "10.0.0.1"));
    }

    [Fact]
    public void Memory_stays_bounded_when_an_attacker_fails_on_twenty_thousand_names()
    {
        var clock = new FakeTimeProvider();
        var throttle = new LoginThrottle(Options with { MaxTracked = 1_000 }, clock);
        for (var i = 0; i < 20_000; i++)
        {
            throttle.Failed($"name{i}", $"10.{i / 65536}.{i / 256 % 256}.{i % 256}");
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.InRange(throttle.Tracked, 1, 1_001);
        Assert.True(throttle.Wait("name19999", "10.0.78.31") == TimeSpan.Zero, "a single failure is free");
    }
}
