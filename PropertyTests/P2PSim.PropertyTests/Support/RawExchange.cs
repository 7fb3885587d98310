using P2PSim.Transport;

namespace P2PSim.PropertyTests.Support;

/// <summary>
/// One classic exchange at the byte level, below <see cref="Peer.DirectoryClient"/>: connect, write the given
/// chunks one at a time (with a pause so the server sees them apart), half-close, read the reply to its end.
/// </summary>
internal static class RawExchange
{
    public static async Task<byte[]> SendAsync(ITransport transport, TransportEndPoint server, IReadOnlyList<byte[]> chunks)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var connection = await transport.ConnectAsync(server, timeout.Token);
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i > 0)
            {
                await Task.Delay(1, timeout.Token);
            }

            await connection.Stream.WriteAsync(chunks[i], timeout.Token);
        }

        connection.ShutdownOutput();
        var reply = new MemoryStream();
        var buffer = new byte[4096];
        for (var reads = 0; reads < 10_000; reads++)
        {
            var read = await connection.Stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            reply.Write(buffer, 0, read);
        }

        return reply.ToArray();
    }

    /// <summary><paramref name="bytes"/> cut at <paramref name="cuts"/> (any order, duplicates and ends allowed).</summary>
    public static IReadOnlyList<byte[]> Cut(byte[] bytes, IEnumerable<int> cuts)
    {
        var offsets = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Prepend(0).Append(bytes.Length).ToList();
        return [.. offsets.Zip(offsets.Skip(1), (from, to) => bytes[from..to])];
    }
}
