using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Protocol;

namespace P2PSim.DirectoryServer;

/// <summary>Tunables of the directory server. Defaults follow the spec and suit a loopback deployment.</summary>
public sealed record DirectoryServerOptions
{
    /// <summary>How result codes are written (spec §1); ASCII + NUL by default.</summary>
    public ResultEncoding ResultEncoding { get; init; } = ResultEncoding.Ascii;

    /// <summary>
    /// What classic LIST_CONTENT replies carry per file: name and description (default) or, for classic clients
    /// written for such servers, the name only (<c>--list-content names</c>). Sessions always carry both, as they
    /// always use the default result encoding: only P2PSim clients speak them.
    /// </summary>
    public ListContentShape ListContent { get; init; } = ListContentShape.Described;

    /// <summary>Field limits; the spec's by default.</summary>
    public FieldLimits Limits { get; init; } = FieldLimits.Classic;

    /// <summary>Sessions served at once; a connection past this is closed at once, so overload sheds instead of queuing.</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>
    /// How long a client may take to send its whole request and read the reply. Bounds what a silent or trickling
    /// (slowloris) client can hold. <see cref="Timeout.InfiniteTimeSpan"/> disables it (systematic tests).
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>On stop, how long running sessions may take to finish before they are aborted.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Persistent sessions beside the classic protocol (docs/sessions.md).</summary>
    public SessionOptions Sessions { get; init; } = new();

    /// <summary>
    /// Whether classic one-shot requests are served. Off (<c>--classic off</c>), only sessions are: a classic
    /// request gets its operation's "other error" code.
    /// </summary>
    public bool ClassicRequests { get; init; } = true;

    /// <summary>Password accounts for sessions (docs/sessions.md §6).</summary>
    public AccountOptions Accounts { get; init; } = new();

    /// <summary>Clock for timeouts; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
