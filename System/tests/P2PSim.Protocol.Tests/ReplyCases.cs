using P2PSim.Protocol.Messages;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// Golden directory replies, each cited by its id in docs/protocol.md §4. A case with an <c>Encoding</c> is exactly
/// what <see cref="DirectoryReplyEncoder"/> writes in that encoding; the others are classic variants the client decodes.
/// </summary>
internal static class ReplyCases
{
    public static readonly UserEntry[] Users = [new("alice", "10.0.0.5", 4500), new("bob", "10.0.0.6", 4501)];

    public static readonly ContentEntry[] Files = [new("song.mp3", "my favourite song"), new("notes.txt", "")];

    public static IReadOnlyList<Case> All { get; } =
    [
        // R-RESULT-1..3: REGISTER succeeded (0) in the three encodings.
        new("R-RESULT-1", "0\0"u8, new DirectoryReply(Operation.Register, 0), ResultEncoding.Ascii),
        new("R-RESULT-2", [0x00], new DirectoryReply(Operation.Register, 0), ResultEncoding.Byte),
        new("R-RESULT-3", "0"u8, new DirectoryReply(Operation.Register, 0), ResultEncoding.Char),

        // R-RESULT-4..6: PUBLISH failed with 3 (already published) in the three encodings.
        new("R-RESULT-4", "3\0"u8, new DirectoryReply(Operation.Publish, 3), ResultEncoding.Ascii),
        new("R-RESULT-5", [0x03], new DirectoryReply(Operation.Publish, 3), ResultEncoding.Byte),
        new("R-RESULT-6", "3"u8, new DirectoryReply(Operation.Publish, 3), ResultEncoding.Char),

        // R-UNKNOWN-1..3: the reply to an unknown operation, -1, in the three encodings.
        new("R-UNKNOWN-1", "-1\0"u8, new DirectoryReply(Operation.Register, -1), ResultEncoding.Ascii),
        new("R-UNKNOWN-2", [0xFF], new DirectoryReply(Operation.Register, -1), ResultEncoding.Byte),
        new("R-UNKNOWN-3", "-1"u8, new DirectoryReply(Operation.Register, -1), ResultEncoding.Char),

        // R-LIST_USERS-1..3: two connected users, after 0 in each encoding (-3: a lone '0' then the count "2\0").
        new("R-LIST_USERS-1", "0\0"u8 + "2\0"u8 + "alice\0"u8 + "10.0.0.5\0"u8 + "4500\0"u8 + "bob\0"u8 + "10.0.0.6\0"u8 + "4501\0"u8,
            new DirectoryReply(Operation.ListUsers, 0) { Users = Users }, ResultEncoding.Ascii),
        new("R-LIST_USERS-2", [0x00, .. "2\0"u8, .. "alice\0"u8, .. "10.0.0.5\0"u8, .. "4500\0"u8, .. "bob\0"u8, .. "10.0.0.6\0"u8, .. "4501\0"u8],
            new DirectoryReply(Operation.ListUsers, 0) { Users = Users }, ResultEncoding.Byte),
        new("R-LIST_USERS-3", "0"u8 + "2\0"u8 + "alice\0"u8 + "10.0.0.5\0"u8 + "4500\0"u8 + "bob\0"u8 + "10.0.0.6\0"u8 + "4501\0"u8,
            new DirectoryReply(Operation.ListUsers, 0) { Users = Users }, ResultEncoding.Char),

        // R-LIST_USERS-4: nobody connected.
        new("R-LIST_USERS-4", "0\0"u8 + "0\0"u8, new DirectoryReply(Operation.ListUsers, 0) { Users = [] }, ResultEncoding.Ascii),

        // R-LIST_USERS-5: 2, the asking user is not connected: no list follows.
        new("R-LIST_USERS-5", "2\0"u8, new DirectoryReply(Operation.ListUsers, 2), ResultEncoding.Ascii),

        // R-LIST_CONTENT-1: two files, name and description each (the second description is empty).
        new("R-LIST_CONTENT-1", "0\0"u8 + "2\0"u8 + "song.mp3\0"u8 + "my favourite song\0"u8 + "notes.txt\0"u8 + "\0"u8,
            new DirectoryReply(Operation.ListContent, 0) { Files = Files }, ResultEncoding.Ascii),

        // R-LIST_CONTENT-2: the same after a lone '0'.
        new("R-LIST_CONTENT-2", "0"u8 + "2\0"u8 + "song.mp3\0"u8 + "my favourite song\0"u8 + "notes.txt\0"u8 + "\0"u8,
            new DirectoryReply(Operation.ListContent, 0) { Files = Files }, ResultEncoding.Char),

        // R-LIST_CONTENT-3: a names-only classic server: count names, no descriptions.
        new("R-LIST_CONTENT-3", "0\0"u8 + "2\0"u8 + "song.mp3\0"u8 + "notes.txt\0"u8,
            new DirectoryReply(Operation.ListContent, 0) { Files = [new("song.mp3", ""), new("notes.txt", "")] }, null),

        // R-LIST_CONTENT-4: names only after a lone '0'.
        new("R-LIST_CONTENT-4", "0"u8 + "2\0"u8 + "song.mp3\0"u8 + "notes.txt\0"u8,
            new DirectoryReply(Operation.ListContent, 0) { Files = [new("song.mp3", ""), new("notes.txt", "")] }, null),

        // R-LIST_CONTENT-5: 3, the remote user does not exist: no list follows.
        new("R-LIST_CONTENT-5", "3\0"u8, new DirectoryReply(Operation.ListContent, 3), ResultEncoding.Ascii),
    ];

    public static TheoryData<string> Ids => [.. All.Select(c => c.Id)];

    public static TheoryData<string> EncodedIds => [.. All.Where(c => c.Encoding is not null).Select(c => c.Id)];

    public static Case Get(string id) => All.Single(c => c.Id == id);

    /// <summary>Asserts two replies are equal, lists compared element by element (records compare lists by reference).</summary>
    public static void AssertEqual(DirectoryReply expected, DirectoryReply actual)
    {
        Assert.Equal(expected.Operation, actual.Operation);
        Assert.Equal(expected.Code, actual.Code);
        Assert.Equal(expected.Users, actual.Users);
        Assert.Equal(expected.Files, actual.Files);
    }

    internal sealed record Case(string Id, byte[] Bytes, DirectoryReply Reply, ResultEncoding? Encoding)
    {
        public Case(string id, ReadOnlySpan<byte> bytes, DirectoryReply reply, ResultEncoding? encoding)
            : this(id, bytes.ToArray(), reply, encoding)
        {
        }
    }
}
