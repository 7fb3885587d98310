using System.Buffers;

namespace P2PSim.Peer.Internal;

/// <summary>Reading a whole reply up to end of stream, refusing to buffer more than a limit.</summary>
internal static class BoundedRead
{
    /// <summary>
    /// Reads until the other side closes. Returns null when more than <paramref name="maxBytes"/> arrive, so a
    /// broken or hostile server cannot make the client buffer without bound.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadToEndAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        while (true)
        {
            var read = await stream.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="buffer"/> from <paramref name="stream"/>. Stream.ReadExactlyAsync does the same, but as
    /// an async method of the BCL, which Coyote does not rewrite: its continuations run on the thread pool, outside
    /// the systematic scheduler (a hang that no schedule reproduces).
    /// </summary>
    /// <exception cref="EndOfStreamException">The stream ended first.</exception>
    public static async Task ReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"The stream ended {buffer.Length - filled} bytes early.");
            }

            filled += read;
        }
    }
}
