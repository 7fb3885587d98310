namespace P2PSim.Protocol.Messages;

/// <summary>
/// A directory reply: a result code, and for a successful LIST_USERS or LIST_CONTENT the list that follows it.
/// </summary>
public sealed record DirectoryReply(Operation Operation, int Code)
{
    /// <summary>Connected users, sent after code 0 of LIST_USERS and FIND_SOURCES.</summary>
    public IReadOnlyList<UserEntry>? Users { get; init; }

    /// <summary>A user's files, sent after code 0 of LIST_CONTENT.</summary>
    public IReadOnlyList<ContentEntry>? Files { get; init; }

    /// <summary>Matching files, sent after code 0 of SEARCH.</summary>
    public IReadOnlyList<SearchHit>? Hits { get; init; }

    /// <summary>True for result code 0.</summary>
    public bool IsOk => Code == 0;
}

/// <summary>One LIST_USERS entry: <c>name\0 ip\0 port\0</c>.</summary>
public sealed record UserEntry(string Name, string Ip, int Port);

/// <summary>One LIST_CONTENT entry: <c>filename\0 description\0</c> (description empty from names-only servers).</summary>
public sealed record ContentEntry(string FileName, string Description);

/// <summary>One SEARCH entry: <c>user\0 filename\0 description\0</c>.</summary>
public sealed record SearchHit(string User, string FileName, string Description);
