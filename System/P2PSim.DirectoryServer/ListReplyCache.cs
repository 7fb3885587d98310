using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer;

/// <summary>
/// The last large LIST_USERS reply, encoded. The registry hands out one list instance until the connected users
/// change, so that instance identifies the reply's bytes: a read-heavy directory (thousands of users, the list
/// asked for again and again) encodes it once per change instead of once per request. Small lists are encoded
/// each time; keeping them would cost a copy on every change for nothing.
/// </summary>
internal sealed class ListReplyCache(int minEntries = ListReplyCache.DefaultMinEntries)
{
    public const int DefaultMinEntries = 64;

    private Entry? _last;

    /// <summary>
    /// The bytes of <paramref name="reply"/>: cached ones, or those encoded into <paramref name="output"/> (a
    /// LIST_CONTENT list in <paramref name="listContent"/>'s shape; only LIST_USERS replies are cached).
    /// </summary>
    public ReadOnlyMemory<byte> Encode(
        DirectoryReply reply, ResultEncoding encoding, ArrayBufferWriter<byte> output, ListContentShape listContent = ListContentShape.Described)
    {
        if (reply.Operation != Operation.ListUsers || !reply.IsOk || reply.Users is not { } users || users.Count < minEntries)
        {
            DirectoryReplyEncoder.Encode(reply, encoding, output, listContent);
            return output.WrittenMemory;
        }

        // One reference read and one write: sessions share the cache without a lock, and a race only costs an
        // extra encoding.
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Users, users) && last.Encoding == encoding)
        {
            return last.Bytes;
        }

        DirectoryReplyEncoder.Encode(reply, encoding, output);
        var bytes = output.WrittenMemory.ToArray();
        Volatile.Write(ref _last, new Entry(users, encoding, bytes));
        return bytes;
    }

    private sealed record Entry(IReadOnlyList<UserEntry> Users, ResultEncoding Encoding, byte[] Bytes);
}
