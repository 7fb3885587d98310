using Microsoft.Extensions.Time.Testing;
using P2PSim.Transport.Timing;

namespace P2PSim.Transport.Tests.Timing;

/// <summary>Flood control: a burst at once, then the rate, and waiting callers line up behind each other.</summary>
public sealed class TokenBucketTests
{
    [Fact]
    public void A_full_bucket_gives_its_burst_at_once_then_asks_to_wait_one_interval_per_token()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(10, 3, clock);

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], [bucket.Take(), bucket.Take(), bucket.Take()]);
        AssertNear(TimeSpan.FromMilliseconds(100), bucket.Take());
        AssertNear(TimeSpan.FromMilliseconds(200), bucket.Take()); // taken while the one before still waits
    }

    [Fact]
    public void Tokens_come_back_at_the_rate_up_to_the_burst()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(10, 2, clock);
        bucket.Take();
        bucket.Take();

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.Zero, bucket.Take());
        AssertNear(TimeSpan.FromMilliseconds(100), bucket.Take());

        clock.Advance(TimeSpan.FromHours(1)); // a long pause saves up no more than the burst
        Assert.Equal(TimeSpan.Zero, bucket.Take());
        Assert.Equal(TimeSpan.Zero, bucket.Take());
        Assert.True(bucket.Take() > TimeSpan.Zero);
    }

    [Fact]
    public void Callers_that_wait_as_told_get_exactly_the_rate()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(1000, 10, clock);
        var start = clock.GetUtcNow();
        for (var i = 0; i < 10_010; i++)
        {
            clock.Advance(bucket.Take());
        }

        // 10 from the burst, then 10,000 at 1,000 a second: 10 s.
        AssertNear(TimeSpan.FromSeconds(10), clock.GetUtcNow() - start, tolerance: TimeSpan.FromMilliseconds(2));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(1, 0)]
    public void A_rate_or_burst_below_one_is_refused(double rate, int burst)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(rate, burst, new FakeTimeProvider()));
    }

    private static void AssertNear(TimeSpan expected, TimeSpan actual, TimeSpan? tolerance = null)
    {
        var allowed = tolerance ?? TimeSpan.FromMicroseconds(10);
        Assert.True((expected - actual).Duration() <= allowed, $"expected {expected}, got {actual}");
    }
}
