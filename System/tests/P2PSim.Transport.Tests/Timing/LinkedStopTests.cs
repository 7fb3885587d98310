using P2PSim.Transport.Timing;

namespace P2PSim.Transport.Tests.Timing;

/// <summary>Two stop signals as one token, unlinked without waiting.</summary>
public sealed class LinkedStopTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Either_signal_cancels_the_token(bool first)
    {
        using var a = new CancellationTokenSource();
        using var b = new CancellationTokenSource();
        using var stop = new LinkedStop(a.Token, b.Token);
        Assert.False(stop.Token.IsCancellationRequested);

        (first ? a : b).Cancel();

        Assert.True(stop.Token.IsCancellationRequested);
    }

    [Fact]
    public void A_signal_already_cancelled_cancels_it_at_once()
    {
        using var stop = new LinkedStop(new CancellationToken(canceled: true), CancellationToken.None);

        Assert.True(stop.Token.IsCancellationRequested);
    }

    [Fact]
    public void Once_disposed_it_no_longer_follows_the_signals()
    {
        using var a = new CancellationTokenSource();
        var stop = new LinkedStop(a.Token, CancellationToken.None);
        var token = stop.Token;

        stop.Dispose();
        a.Cancel();

        Assert.False(token.IsCancellationRequested);
    }

    [Fact]
    public void Disposing_it_from_inside_the_signals_cancellation_does_not_wait()
    {
        using var a = new CancellationTokenSource();
        var stop = new LinkedStop(a.Token, CancellationToken.None);
        // A connection that ends because of the stop, and unlinks while the stop's callbacks still run.
        stop.Token.Register(stop.Dispose);

        a.Cancel();

        Assert.True(stop.Token.IsCancellationRequested);
    }
}
