namespace P2PSim.Protocol.Messages;

/// <summary>
/// A classic directory request (spec §2). <see cref="Timestamp"/> is the optional <c>DD/MM/YYYY HH:MM:SS</c>
/// stamp of part-2 clients; <see cref="User"/> is the user the operation is about (REGISTER, CONNECT…) or the
/// user performing it (PUBLISH, LIST_USERS…).
/// </summary>
public abstract record DirectoryRequest(string? Timestamp, string User)
{
    /// <summary>The operation this request carries.</summary>
    public abstract Operation Operation { get; }
}

/// <summary><c>REGISTER [dt] user</c>.</summary>
public sealed record RegisterRequest(string? Timestamp, string User) : DirectoryRequest(Timestamp, User)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.Register;
}

/// <summary><c>UNREGISTER [dt] user</c>.</summary>
public sealed record UnregisterRequest(string? Timestamp, string User) : DirectoryRequest(Timestamp, User)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.Unregister;
}

/// <summary>
/// <c>CONNECT [dt] user listenport</c>, or <c>CONNECT [dt] user ip listenport</c> as at least one classic client
/// sends it: the peer's IP is the address the server sees either way (docs/protocol.md §3.4).
/// </summary>
public sealed record ConnectRequest(string? Timestamp, string User, int Port) : DirectoryRequest(Timestamp, User)
{
    /// <summary>
    /// Longest IP literal accepted as the announced address: an IPv6 address with an IPv4 tail
    /// (<c>ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255</c>).
    /// </summary>
    public const int MaxAddressLength = 45;

    /// <summary>The IP address the client announced before its port, as it sent it; null when it sent none.</summary>
    public string? AnnouncedIp { get; init; }

    /// <inheritdoc/>
    public override Operation Operation => Operation.Connect;
}

/// <summary><c>DISCONNECT [dt] user</c>.</summary>
public sealed record DisconnectRequest(string? Timestamp, string User) : DirectoryRequest(Timestamp, User)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.Disconnect;
}

/// <summary><c>PUBLISH [dt] me filename description</c>.</summary>
public sealed record PublishRequest(string? Timestamp, string User, string FileName, string Description)
    : DirectoryRequest(Timestamp, User)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.Publish;
}

/// <summary><c>DELETE [dt] me filename</c>.</summary>
public sealed record DeleteRequest(string? Timestamp, string User, string FileName) : DirectoryRequest(Timestamp, User)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.Delete;
}

/// <summary><c>LIST_USERS [dt] me</c>.</summary>
public sealed record ListUsersRequest(string? Timestamp, string User) : DirectoryRequest(Timestamp, User)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.ListUsers;
}

/// <summary><c>LIST_CONTENT [dt] me remoteuser</c>.</summary>
public sealed record ListContentRequest(string? Timestamp, string User, string RemoteUser)
    : DirectoryRequest(Timestamp, User)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.ListContent;
}

/// <summary><c>FIND_SOURCES [dt] me filename</c> (P2PSim extension).</summary>
public sealed record FindSourcesRequest(string? Timestamp, string User, string FileName) : DirectoryRequest(Timestamp, User)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.FindSources;
}

/// <summary><c>SEARCH [dt] me text max</c> (P2PSim extension): <see cref="Text"/> may contain blanks.</summary>
public sealed record SearchRequest(string? Timestamp, string User, string Text, int MaxResults)
    : DirectoryRequest(Timestamp, User)
{
    /// <summary>The most results a server returns, whatever a client asks for.</summary>
    public const int ServerLimit = 100;

    /// <inheritdoc/>
    public override Operation Operation => Operation.Search;
}
