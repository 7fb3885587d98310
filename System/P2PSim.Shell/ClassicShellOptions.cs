using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Serving;
using P2PSim.Protocol;
using P2PSim.Transport;

namespace P2PSim.Shell;

/// <summary>Configuration of a <see cref="ClassicShell"/>.</summary>
/// <param name="Server">The directory server.</param>
/// <param name="ShareDirectory">The folder this peer serves after CONNECT.</param>
/// <param name="ListenHost">
/// Where the file server listens (port 0: a free one, sent in CONNECT). The directory records the IP it sees this
/// client come from, so listen on an address other peers can reach (0.0.0.0 for a LAN).
/// </param>
/// <param name="FileServerEncoding">How this peer's file server writes result codes.</param>
/// <param name="Timestamps">The time service, asked before each directory operation; null sends no timestamp.</param>
public sealed record ClassicShellOptions(
    TransportEndPoint Server,
    string ShareDirectory,
    string ListenHost = "127.0.0.1",
    ResultEncoding FileServerEncoding = ResultEncoding.Ascii,
    Func<CancellationToken, ValueTask<string?>>? Timestamps = null)
{
    /// <summary>Bound on one directory operation, connect to last reply byte.</summary>
    public TimeSpan DirectoryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a download, or a transfer this peer serves, may make no progress before it is dropped.</summary>
    public TimeSpan TransferIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Adjusts the file server's options after the shell has set its share, encoding, idle timeout and clock: its
    /// connection limits and request timeout (<c>p2psim peer --max-connections</c> and the rest).
    /// </summary>
    public Func<FileServerOptions, FileServerOptions>? ConfigureFileServer { get; init; }

    /// <summary>Where a relative GET_FILE local name goes; the share folder when null (so the file can be published on).</summary>
    public string? DownloadDirectory { get; init; }

    /// <summary>Shows a GET_MULTIFILE's progress (a bar on a terminal); null shows nothing.</summary>
    public Func<string, IProgress<DownloadProgress>>? DownloadProgress { get; init; }

    /// <summary>Tunables of GET_MULTIFILE downloads.</summary>
    public MultiSourceOptions MultiSource { get; init; } = new();

    /// <summary>
    /// Whether to talk to the directory over one session when it offers one (docs/sessions.md); a classic server
    /// declines, and the shell goes on the classic way. ACCOUNT and LOGIN need a session.
    /// </summary>
    public bool UseSessions { get; init; } = true;

    /// <summary>
    /// Reads a password after ACCOUNT or LOGIN without echoing it (the terminal's no-echo reader); null reads the
    /// next input line, as a piped script gives it.
    /// </summary>
    public Func<CancellationToken, Task<string?>>? ReadSecret { get; init; }

    /// <summary>Clock for timeouts and local timestamps; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
