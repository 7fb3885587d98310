using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadTests;

public sealed class SuiteOptionsTests
{
    [Theory]
    [InlineData("127.0.0.1:7000")]
    [InlineData("127.3.4.5:1")]
    [InlineData("localhost:65535")]
    public void Accepts_loopback_targets(string target)
    {
        var options = SuiteOptions.Parse(["--target", target]);

        Assert.NotNull(options.Target);
        Assert.True(System.Net.IPAddress.IsLoopback(options.Target.Address));
    }

    [Theory]
    [InlineData("10.0.0.1:7000")]
    [InlineData("192.168.1.2:80")]
    [InlineData("example.org:80")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1")]
    public void Refuses_anything_but_loopback(string target)
    {
        Assert.Throws<ArgumentException>(() => SuiteOptions.Parse(["--target", target]));
    }

    [Fact]
    public void Thresholds_add_to_the_defaults_unless_dropped()
    {
        var with = SuiteOptions.Parse(["--mode", "full", "--threshold", "ratio>0.8"]);
        var without = SuiteOptions.Parse(["--no-default-thresholds", "--threshold", "p99<5ms"]);

        Assert.Equal(SuiteMode.Full, with.Mode);
        Assert.Equal(SuiteOptions.DefaultThresholds.Count + 1, with.Thresholds.Count);
        Assert.Equal("p99<5ms", Assert.Single(without.Thresholds).Text);
    }

    [Fact]
    public void The_session_rounds_can_run_alone_and_longer()
    {
        var options = SuiteOptions.Parse(["--sessions-only", "--session-rounds", "3", "--session-seconds", "2"]);

        Assert.True(options.SessionsOnly);
        Assert.Equal(3, options.SessionRounds);
        Assert.Equal(TimeSpan.FromSeconds(2), options.SessionRound);
        Assert.Throws<ArgumentException>(() => SuiteOptions.Parse(["--session-rounds", "0"]));
    }

    [Fact]
    public void The_store_rounds_can_run_alone_and_longer_with_a_restart_measurement()
    {
        var options = SuiteOptions.Parse(["--stores-only", "--store-rounds", "3", "--store-seconds", "2", "--restart-users", "10000", "--restart-files", "50000"]);

        Assert.True(options.StoresOnly);
        Assert.False(options.SessionsOnly);
        Assert.Equal(3, options.StoreRounds);
        Assert.Equal(TimeSpan.FromSeconds(2), options.StoreRound);
        Assert.Equal(10_000, options.RestartUsers);
        Assert.Equal(50_000, options.RestartFiles);
        Assert.Equal(0, SuiteOptions.Parse(["--restart-users", "0"]).RestartUsers);
        Assert.Throws<ArgumentException>(() => SuiteOptions.Parse(["--store-rounds", "0"]));
        Assert.Throws<ArgumentException>(() => SuiteOptions.Parse(["--store-seconds", "x"]));
        Assert.Throws<ArgumentException>(() => SuiteOptions.Parse(["--restart-users"]));
    }

    [Fact]
    public void The_restart_measurement_is_full_mode_only_by_default_at_100000_users()
    {
        var smoke = SuitePlan.For(SuiteMode.Smoke);
        var full = SuitePlan.For(SuiteMode.Full);

        Assert.Equal(0, smoke.RestartUsers);
        Assert.Equal(100_000, full.RestartUsers);
        Assert.Equal(1_000_000, full.RestartUsers * SuitePlan.RestartFilesPerUser);
        Assert.Equal(1, smoke.StoreRounds);
        Assert.True(smoke.StoreRound <= TimeSpan.FromSeconds(1), "the smoke suite must stay quick");
    }
}
