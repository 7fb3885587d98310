namespace P2PSim.Protocol.Sessions;

/// <summary>
/// What a server grants in its answer to the session hello (docs/sessions.md §2): the protocol version both sides
/// speak and the bounds the client must keep.
/// </summary>
/// <param name="Version">The session protocol version in use (1).</param>
/// <param name="MaxFrameBytes">The longest frame the server accepts, header included.</param>
/// <param name="Window">Requests a client may have unanswered at once.</param>
/// <param name="HeartbeatSeconds">How often a silent client should send a ping.</param>
/// <param name="IdleSeconds">After how long without a frame the server ends the session.</param>
public sealed record SessionTerms(int Version, int MaxFrameBytes, int Window, int HeartbeatSeconds, int IdleSeconds);
