using System.Buffers;

namespace P2PSim.Transport.Framing;

/// <summary>
/// The blocking reads every P2PSim reader shares, written as loops over <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>.
/// <c>Stream.ReadExactlyAsync</c> and <c>Stream.ReadAtLeastAsync</c> do the same, but as async methods of the BCL,
/// which Coyote does not rewrite: their continuations run on the thread pool, outside the systematic scheduler (a
/// hang that no schedule reproduces). These are compiled with P2PSim and rewritten with it.
/// </summary>
public static class BoundedRead
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

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="stream"/>.</summary>
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
