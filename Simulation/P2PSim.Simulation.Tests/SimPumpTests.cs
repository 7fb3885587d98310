using P2PSim.Simulation.Runtime;

namespace P2PSim.Simulation.Tests;

/// <summary>The pump and the virtual clock: time moves only when everything waits, in a fixed order.</summary>
public sealed class SimPumpTests
{
    [Fact]
    public void LongDelaysTakeVirtualTimeOnly()
    {
        var clock = new SimClock();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var elapsed = SimPump.Run(clock, async () =>
        {
            await Task.Delay(TimeSpan.FromHours(1), clock);
            return clock.Elapsed;
        });
        Assert.Equal(TimeSpan.FromHours(1), elapsed);
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(SimClock.Epoch.AddHours(1), clock.GetUtcNow());
    }

    [Fact]
    public void TimersFireByDueTimeThenByCreationOrder()
    {
        var clock = new SimClock();
        var order = SimPump.Run(clock, async () =>
        {
            var fired = new List<string>();
            var tasks = new[]
            {
                Stamp(clock, fired, "b", 20),
                Stamp(clock, fired, "a", 10),
                Stamp(clock, fired, "c", 20),
                Stamp(clock, fired, "d", 0),
            };
            await Task.WhenAll(tasks);
            return string.Join(',', fired);
        });
        Assert.Equal("d,a,b,c", order);
    }

    [Fact]
    public void ACancellationTimerOnTheClockCancels()
    {
        var clock = new SimClock();
        var cancelledAt = SimPump.Run(clock, async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), clock);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(Timeout.Infinite, timeout.Token));
            return clock.Elapsed;
        });
        Assert.Equal(TimeSpan.FromSeconds(10), cancelledAt);
    }

    [Fact]
    public void ARunThatCanNeverFinishIsReportedNotHung()
    {
        var clock = new SimClock();
        var never = new TaskCompletionSource<int>();
        Assert.Throws<SimStuckException>(() => SimPump.Run(clock, () => never.Task));
    }

    [Fact]
    public void EveryContinuationRunsOnThePumpThread()
    {
        var clock = new SimClock();
        var threads = SimPump.Run(clock, async () =>
        {
            var seen = new HashSet<int> { Environment.CurrentManagedThreadId };
            for (var i = 0; i < 20; i++)
            {
                await Task.Yield();
                await Task.Delay(TimeSpan.FromMilliseconds(i), clock);
                seen.Add(Environment.CurrentManagedThreadId);
            }

            return seen.Count;
        }, out var report);
        Assert.Equal(1, threads);
        Assert.Equal(0, report.ForeignPosts);
    }

    private static async Task Stamp(SimClock clock, List<string> fired, string name, int ms)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(ms), clock);
        fired.Add(name);
    }
}
