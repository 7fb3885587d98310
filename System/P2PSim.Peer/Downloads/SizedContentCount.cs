namespace P2PSim.Peer.Downloads;

/// <summary>
/// What a GET_FILE reply's content has delivered so far: how many bytes and the last one, which is all the exact
/// size-prefix rule needs (docs/protocol.md §6.3) without reading the file back.
/// </summary>
/// <param name="size">The size the prefix announced; null for a raw reply, which has no length to check.</param>
internal sealed class SizedContentCount(long? size)
{
    public long? Size { get; } = size;

    public long Received { get; private set; }

    public byte LastByte { get; private set; }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        Received += bytes.Length;
        LastByte = bytes[^1];
    }
}
