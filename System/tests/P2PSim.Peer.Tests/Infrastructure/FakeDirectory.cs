using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>
/// A scripted directory server: decodes each request with the real codec and answers whatever bytes the test
/// chooses, or resets the connection when it chooses null. Reaches replies a real server never gives.
/// </summary>
internal static class FakeDirectory
{
    public static Task<ScriptedServer> StartAsync(ITransport transport, Func<DirectoryRequest, byte[]?> answer) =>
        ScriptedServer.StartAsync(transport, async (connection, ct) =>
        {
            var request = await ReadRequestAsync(connection.Stream, ct);
            if (request is null)
            {
                return;
            }

            if (answer(request) is { } reply)
            {
                await connection.Stream.WriteAsync(reply, ct);
            }
            else
            {
                connection.Abort();
            }
        });

    private static async Task<DirectoryRequest?> ReadRequestAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0)
            {
                return null;
            }

            filled += read;
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(buffer, 0, filled));
            if (DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out var request))
            {
                return request;
            }
        }

        return null;
    }
}
