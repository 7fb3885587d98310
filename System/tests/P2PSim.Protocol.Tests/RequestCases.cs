using P2PSim.Protocol.Messages;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// Golden directory requests, each cited by its id in docs/protocol.md §3. <c>Canonical</c> cases are exactly what
/// <see cref="DirectoryRequestEncoder"/> writes; the others are variants the decoder accepts from classic clients.
/// </summary>
internal static class RequestCases
{
    /// <summary>The timestamp of every example: day 24 shows the DD/MM order.</summary>
    public const string Stamp = "24/11/2025 18:30:05";

    public static IReadOnlyList<Case> All { get; } =
    [
        // P-REGISTER-1: REGISTER alice, part-1 client (no timestamp).
        new("P-REGISTER-1", "REGISTER\0"u8 + "alice\0"u8, new RegisterRequest(null, "alice")),

        // P-REGISTER-2: REGISTER alice with a timestamp.
        new("P-REGISTER-2", "REGISTER\0"u8 + "24/11/2025 18:30:05\0"u8 + "alice\0"u8, new RegisterRequest(Stamp, "alice")),

        // P-REGISTER-3: a user name shaped almost like a timestamp ('_' instead of the blank) is a user name.
        new("P-REGISTER-3", "REGISTER\0"u8 + "24/11/2025_18:30:05\0"u8, new RegisterRequest(null, "24/11/2025_18:30:05")),

        // P-REGISTER-4: user names are UTF-8; "José" is 5 bytes (é = C3 A9).
        new("P-REGISTER-4", "REGISTER\0"u8 + "Jos\u00e9\0"u8, new RegisterRequest(null, "Jos\u00e9")),

        // P-UNREGISTER-1 / -2.
        new("P-UNREGISTER-1", "UNREGISTER\0"u8 + "alice\0"u8, new UnregisterRequest(null, "alice")),
        new("P-UNREGISTER-2", "UNREGISTER\0"u8 + "24/11/2025 18:30:05\0"u8 + "alice\0"u8, new UnregisterRequest(Stamp, "alice")),

        // P-CONNECT-1 / -2: the listen port as decimal ASCII.
        new("P-CONNECT-1", "CONNECT\0"u8 + "alice\0"u8 + "4500\0"u8, new ConnectRequest(null, "alice", 4500)),
        new("P-CONNECT-2", "CONNECT\0"u8 + "24/11/2025 18:30:05\0"u8 + "alice\0"u8 + "4500\0"u8, new ConnectRequest(Stamp, "alice", 4500)),

        // P-DISCONNECT-1 / -2.
        new("P-DISCONNECT-1", "DISCONNECT\0"u8 + "alice\0"u8, new DisconnectRequest(null, "alice")),
        new("P-DISCONNECT-2", "DISCONNECT\0"u8 + "24/11/2025 18:30:05\0"u8 + "alice\0"u8, new DisconnectRequest(Stamp, "alice")),

        // P-PUBLISH-1 / -2: the description may contain blanks.
        new("P-PUBLISH-1", "PUBLISH\0"u8 + "alice\0"u8 + "song.mp3\0"u8 + "my favourite song\0"u8,
            new PublishRequest(null, "alice", "song.mp3", "my favourite song")),
        new("P-PUBLISH-2", "PUBLISH\0"u8 + "24/11/2025 18:30:05\0"u8 + "alice\0"u8 + "song.mp3\0"u8 + "my favourite song\0"u8,
            new PublishRequest(Stamp, "alice", "song.mp3", "my favourite song")),

        // P-DELETE-1 / -2.
        new("P-DELETE-1", "DELETE\0"u8 + "alice\0"u8 + "song.mp3\0"u8, new DeleteRequest(null, "alice", "song.mp3")),
        new("P-DELETE-2", "DELETE\0"u8 + "24/11/2025 18:30:05\0"u8 + "alice\0"u8 + "song.mp3\0"u8,
            new DeleteRequest(Stamp, "alice", "song.mp3")),

        // P-LIST_USERS-1 / -2.
        new("P-LIST_USERS-1", "LIST_USERS\0"u8 + "alice\0"u8, new ListUsersRequest(null, "alice")),
        new("P-LIST_USERS-2", "LIST_USERS\0"u8 + "24/11/2025 18:30:05\0"u8 + "alice\0"u8, new ListUsersRequest(Stamp, "alice")),

        // P-LIST_CONTENT-1 / -2: alice asks for bob's files.
        new("P-LIST_CONTENT-1", "LIST_CONTENT\0"u8 + "alice\0"u8 + "bob\0"u8, new ListContentRequest(null, "alice", "bob")),
        new("P-LIST_CONTENT-2", "LIST_CONTENT\0"u8 + "24/11/2025 18:30:05\0"u8 + "alice\0"u8 + "bob\0"u8,
            new ListContentRequest(Stamp, "alice", "bob")),

        // P-CONNECT-3: the client's IP before the port, as at least one classic client sends it.
        new("P-CONNECT-3", "CONNECT\0"u8 + "alice\0"u8 + "127.0.0.1\0"u8 + "4500\0"u8,
            new ConnectRequest(null, "alice", 4500) { AnnouncedIp = "127.0.0.1" }),

        // P-CONNECT-4: the same with a timestamp and an IPv6 address.
        new("P-CONNECT-4", "CONNECT\0"u8 + "24/11/2025 18:30:05\0"u8 + "alice\0"u8 + "::1\0"u8 + "4500\0"u8,
            new ConnectRequest(Stamp, "alice", 4500) { AnnouncedIp = "::1" }),

        // P-STAMP-1 … -7: the other timestamp shapes classic time services return, kept as received.
        new("P-STAMP-1", "REGISTER\0"u8 + "2025/11/24 18:30:05\0"u8 + "alice\0"u8, new RegisterRequest("2025/11/24 18:30:05", "alice")),
        new("P-STAMP-2", "REGISTER\0"u8 + "2025-11-24 18:30:05\0"u8 + "alice\0"u8, new RegisterRequest("2025-11-24 18:30:05", "alice")),
        new("P-STAMP-3", "REGISTER\0"u8 + "24-11-2025 18:30:05\0"u8 + "alice\0"u8, new RegisterRequest("24-11-2025 18:30:05", "alice")),
        new("P-STAMP-4", "REGISTER\0"u8 + "18:30:05 24/11/2025\0"u8 + "alice\0"u8, new RegisterRequest("18:30:05 24/11/2025", "alice")),
        new("P-STAMP-5", "REGISTER\0"u8 + "18:30:05 2025/11/24\0"u8 + "alice\0"u8, new RegisterRequest("18:30:05 2025/11/24", "alice")),
        new("P-STAMP-6", "REGISTER\0"u8 + "18:30:05 24-11-2025\0"u8 + "alice\0"u8, new RegisterRequest("18:30:05 24-11-2025", "alice")),
        new("P-STAMP-7", "REGISTER\0"u8 + "18:30:05 2025-11-24\0"u8 + "alice\0"u8, new RegisterRequest("18:30:05 2025-11-24", "alice")),

        // P-STAMP-8: a user named like a year-first date (no blank) is a user name.
        new("P-STAMP-8", "REGISTER\0"u8 + "2025/11/24\0"u8, new RegisterRequest(null, "2025/11/24")),

        // P-NEWLINE-1: every field ended by \n, as classic C servers also accept.
        new("P-NEWLINE-1", "REGISTER\n"u8 + "alice\n"u8, new RegisterRequest(null, "alice"), Canonical: false),

        // P-NEWLINE-2: NUL and \n mixed, with a timestamp.
        new("P-NEWLINE-2", "CONNECT\n"u8 + "24/11/2025 18:30:05\n"u8 + "alice\0"u8 + "4500\n"u8,
            new ConnectRequest(Stamp, "alice", 4500), Canonical: false),
    ];

    public static TheoryData<string> Ids => [.. All.Select(c => c.Id)];

    public static TheoryData<string> CanonicalIds => [.. All.Where(c => c.Canonical).Select(c => c.Id)];

    public static Case Get(string id) => All.Single(c => c.Id == id);

    internal sealed record Case(string Id, byte[] Bytes, DirectoryRequest Message, bool Canonical = true)
    {
        public Case(string id, ReadOnlySpan<byte> bytes, DirectoryRequest message, bool Canonical = true)
            : this(id, bytes.ToArray(), message, Canonical)
        {
        }
    }
}
