namespace P2PSim.Transport.Timing;

/// <summary>
/// Rate limiting by token bucket on an injected clock: <c>rate</c> tokens a second, at most <c>burst</c> saved up.
/// A caller takes one token per action and waits the time <see cref="Take"/> returns before acting; the token is
/// taken at once (the bucket may go into debt), so callers that wait line up behind each other and the long-run
/// rate holds exactly. Used for a session's flood control. One instance per session, used by one task at a time.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _rate;
    private readonly double _burst;
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _last;

    /// <summary>A full bucket of <paramref name="burst"/> tokens, refilled at <paramref name="ratePerSecond"/>.</summary>
    public TokenBucket(double ratePerSecond, int burst, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _rate = ratePerSecond;
        _burst = burst;
        _clock = clock;
        _tokens = burst;
        _last = clock.GetTimestamp();
    }

    /// <summary>Takes one token; returns how long to wait before acting (zero when one was saved up).</summary>
    public TimeSpan Take()
    {
        var now = _clock.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_clock.GetElapsedTime(_last, now).TotalSeconds * _rate));
        _last = now;
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _rate);
    }
}
