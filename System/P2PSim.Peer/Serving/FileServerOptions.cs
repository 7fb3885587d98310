using P2PSim.Protocol;

namespace P2PSim.Peer.Serving;

/// <summary>Tunables of a peer's GET_FILE server. Defaults suit a loopback or LAN deployment.</summary>
/// <param name="ShareDirectory">The only folder whose files are served.</param>
public sealed record FileServerOptions(string ShareDirectory)
{
    /// <summary>How the result code is written (spec §1); ASCII + NUL by default.</summary>
    public ResultEncoding ResultEncoding { get; init; } = ResultEncoding.Ascii;

    /// <summary>Field limits; the spec's by default (a file name of at most 256 bytes).</summary>
    public FieldLimits Limits { get; init; } = FieldLimits.Classic;

    /// <summary>How long a client may take to send its request. Bounds what a silent client can hold.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one write of the content may wait for the client to take bytes. A transfer may last as long as it
    /// keeps moving; a client that stops reading is dropped after this.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Transfers served at once; a connection past this is closed at once.</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>Size of the pooled buffer each transfer streams through.</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>Clock for timeouts; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
