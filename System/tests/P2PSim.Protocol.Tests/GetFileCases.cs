using P2PSim.Protocol.Peer;

namespace P2PSim.Protocol.Tests;

/// <summary>Golden GET_FILE requests and replies, each cited by its id in docs/protocol.md §6.</summary>
internal static class GetFileCases
{
    public static IReadOnlyList<RequestCase> Requests { get; } =
    [
        // G-REQUEST-1: GET_FILE song.mp3.
        new("G-REQUEST-1", "GET_FILE\0"u8 + "song.mp3\0"u8, new GetFileRequest("song.mp3"), Canonical: true),

        // G-REQUEST-2: the same with \n terminators.
        new("G-REQUEST-2", "GET_FILE\n"u8 + "song.mp3\n"u8, new GetFileRequest("song.mp3"), Canonical: false),
    ];

    public static IReadOnlyList<ReplyCase> Replies { get; } =
    [
        // G-REPLY-1: 0 (ASCII), then the content "hello" up to the close.
        new("G-REPLY-1", "0\0"u8 + "hello"u8, 0, "hello"u8),

        // G-REPLY-2: 0, then a classic size prefix "5\0", then the 5 content bytes.
        new("G-REPLY-2", "0\0"u8 + "5\0"u8 + "hello"u8, 0, "hello"u8),

        // G-REPLY-3: a lone '0' (Char encoding), then the size prefix and the content.
        new("G-REPLY-3", "0"u8 + "5\0"u8 + "hello"u8, 0, "hello"u8),

        // G-REPLY-4: a raw 0 byte, then the content.
        new("G-REPLY-4", [0x00, .. "hello"u8], 0, "hello"u8),

        // G-REPLY-5: a size prefix announcing 12 bytes, and only 2 before the close: a short reply, refused (no file).
        // The same bytes from a peer that sends raw content would be a file starting with "12\0": the exact rule
        // cannot tell them apart and fails rather than guess.
        new("G-REPLY-5", "0\0"u8 + "12\0ab"u8, 0, null),

        // G-REPLY-6: 1, the file does not exist.
        new("G-REPLY-6", "1\0"u8, 1, []),

        // G-REPLY-7: 2, any other error (including a refused name).
        new("G-REPLY-7", "2\0"u8, 2, []),

        // G-REPLY-8: 0, the size prefix, the content, then one NUL that the size does not count (a classic variant).
        new("G-REPLY-8", "0\0"u8 + "5\0"u8 + "hello"u8 + "\0"u8, 0, "hello"u8),

        // G-REPLY-9: 0, a size prefix announcing 5 bytes, then 6 that do not end in NUL: a long reply, refused.
        new("G-REPLY-9", "0\0"u8 + "5\0"u8 + "hello!"u8, 0, null),

        // G-REPLY-10: 0, the size prefix, the content and two NULs: long too, one trailing NUL is all that is allowed.
        new("G-REPLY-10", "0\0"u8 + "5\0"u8 + "hello"u8 + "\0\0"u8, 0, null),
    ];

    public static TheoryData<string> RequestIds => [.. Requests.Select(c => c.Id)];

    public static TheoryData<string> ReplyIds => [.. Replies.Select(c => c.Id)];

    public static RequestCase GetRequest(string id) => Requests.Single(c => c.Id == id);

    public static ReplyCase GetReply(string id) => Replies.Single(c => c.Id == id);

    internal sealed record RequestCase(string Id, byte[] Bytes, GetFileRequest Message, bool Canonical)
    {
        public RequestCase(string id, ReadOnlySpan<byte> bytes, GetFileRequest message, bool Canonical)
            : this(id, bytes.ToArray(), message, Canonical)
        {
        }
    }

    /// <summary>A golden reply; <see cref="Content"/> is null when the client must refuse it and keep no file.</summary>
    internal sealed record ReplyCase(string Id, byte[] Bytes, int Code, byte[]? Content)
    {
        public ReplyCase(string id, ReadOnlySpan<byte> bytes, int code, ReadOnlySpan<byte> content)
            : this(id, bytes.ToArray(), code, content.ToArray())
        {
        }

        public ReplyCase(string id, ReadOnlySpan<byte> bytes, int code, byte[]? content)
            : this(id, bytes.ToArray(), code, content)
        {
        }
    }
}
