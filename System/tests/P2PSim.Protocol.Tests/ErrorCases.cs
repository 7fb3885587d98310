namespace P2PSim.Protocol.Tests;

/// <summary>
/// Malformed requests and the reply the server sends for them (docs/extensions.md §2): the operation's "other error"
/// code once the operation is known, -1 for an unknown operation. Ids cite docs/protocol.md.
/// </summary>
internal static class ErrorCases
{
    public static IReadOnlyList<Case> All { get; } =
    [
        // E-1: REGISTER with an empty user name → 2.
        new("E-1", "REGISTER\0"u8 + "\0"u8, "2\0"u8),

        // E-2: UNREGISTER with a blank in the user name → 2.
        new("E-2", "UNREGISTER\0"u8 + "al ice\0"u8, "2\0"u8),

        // E-3: CONNECT with port 0 → 3.
        new("E-3", "CONNECT\0"u8 + "alice\0"u8 + "0\0"u8, "3\0"u8),

        // E-4: DISCONNECT with a user name that is not UTF-8 → 3.
        new("E-4", [.. "DISCONNECT\0"u8, 0xFF, 0x00], "3\0"u8),

        // E-5: PUBLISH with a blank in the file name → 4.
        new("E-5", "PUBLISH\0"u8 + "alice\0"u8 + "my song.mp3\0"u8 + "a song\0"u8, "4\0"u8),

        // E-6: DELETE with a 257-byte file name, refused before its terminator arrives → 4.
        new("E-6", [.. "DELETE\0"u8, .. "alice\0"u8, .. Enumerable.Repeat((byte)'a', 257)], "4\0"u8),

        // E-7: LIST_USERS with an empty user name → 3.
        new("E-7", "LIST_USERS\0"u8 + "\0"u8, "3\0"u8),

        // E-8: LIST_CONTENT with an empty remote user → 4.
        new("E-8", "LIST_CONTENT\0"u8 + "alice\0"u8 + "\0"u8, "4\0"u8),

        // E-9: an unknown operation → -1, as soon as its name ends.
        new("E-9", "HELLO\0"u8, "-1\0"u8),

        // E-10: 33 bytes without a terminator cannot be an operation name → -1.
        new("E-10", [.. Enumerable.Repeat((byte)'A', 33)], "-1\0"u8),

        // E-11: CONNECT with an announced address that is not an IP literal → 3.
        new("E-11", "CONNECT\0"u8 + "alice\0"u8 + "127.0.0.256\0"u8 + "4500\0"u8, "3\0"u8),

        // E-12: CONNECT with an announced address and an empty port → 3.
        new("E-12", "CONNECT\0"u8 + "alice\0"u8 + "127.0.0.1\0"u8 + "\0"u8, "3\0"u8),

        // E-13: a 19-byte first field with a blank that is no date-time is a user name with a blank → 2.
        new("E-13", "REGISTER\0"u8 + "2025/11/24 18.30.05\0"u8 + "alice\0"u8, "2\0"u8),
    ];

    public static TheoryData<string> Ids => [.. All.Select(c => c.Id)];

    public static Case Get(string id) => All.Single(c => c.Id == id);

    internal sealed record Case(string Id, byte[] Request, byte[] Reply)
    {
        public Case(string id, ReadOnlySpan<byte> request, ReadOnlySpan<byte> reply)
            : this(id, request.ToArray(), reply.ToArray())
        {
        }
    }
}
