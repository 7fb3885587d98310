namespace P2PSim.TestKit;

/// <summary>How a <see cref="RawClassicClient"/> puts a request on the wire and how long it waits for the reply.</summary>
public sealed record RawExchangeOptions
{
    /// <summary>Each piece written as soon as the last one is, the reply awaited for at most 10 s.</summary>
    public static RawExchangeOptions Default { get; } = new();

    /// <summary>
    /// No deadline: under Coyote a timed <see cref="CancellationTokenSource"/> is a timer it does not control, so
    /// systematic tests wait for the reply without one.
    /// </summary>
    public static RawExchangeOptions Untimed { get; } = new() { Timeout = null };

    /// <summary>How long the whole exchange may take; <c>null</c> for no deadline.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A pause before every piece but the first, so the server sees the pieces apart.</summary>
    public TimeSpan PauseBetweenPieces { get; init; } = TimeSpan.Zero;

    /// <summary>Half-close after the request, so a server waiting for the rest of a request reads end of stream.</summary>
    public bool HalfCloseAfterRequest { get; init; }
}
