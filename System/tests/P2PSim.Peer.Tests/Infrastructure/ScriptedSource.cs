using System.Buffers;
using System.Security.Cryptography;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>
/// A fake extension-speaking source for multi-source downloads: it decodes each request with the real codec and
/// answers whatever bytes the test chooses for it and the connection it came on (0 for the first), so a test can
/// reach what a real file server never does: ranges refused or corrupt, silence, another version after a reconnect.
/// An answer of null resets the connection; an empty answer leaves the request unanswered (the source goes silent);
/// <see cref="Close"/> closes the connection in order, after the replies already written.
/// </summary>
internal static class ScriptedSource
{
    /// <summary>The answer that closes the connection in order: the client reads what was sent, then the end.</summary>
    public static readonly byte[] Close = [.. "close"u8];

    public static Task<ScriptedServer> StartAsync(ITransport transport, Func<int, PeerRequest, byte[]?> answer) =>
        StartAsync(transport, (connection, request, _) => Task.FromResult(answer(connection, request)));

    /// <summary>As above, with an answer that may wait (a source holding its replies back until something happened).</summary>
    public static Task<ScriptedServer> StartAsync(ITransport transport, Func<int, PeerRequest, CancellationToken, Task<byte[]?>> answer)
    {
        var connections = 0;
        return ScriptedServer.StartAsync(transport, async (connection, ct) =>
        {
            var index = Interlocked.Increment(ref connections) - 1;
            var pending = new List<byte>();
            var chunk = new byte[4096];
            while (true)
            {
                var read = await connection.Stream.ReadAsync(chunk, ct);
                if (read == 0)
                {
                    return;
                }

                pending.AddRange(chunk.AsSpan(0, read));
                while (TryTakeRequest(pending, out var request))
                {
                    var reply = await answer(index, request, ct);
                    if (reply is null)
                    {
                        connection.Abort();
                        return;
                    }

                    if (ReferenceEquals(reply, Close))
                    {
                        return; // the server disposes the connection: an orderly close
                    }

                    if (reply.Length == 0)
                    {
                        await Task.Delay(Timeout.Infinite, ct);
                    }

                    await connection.Stream.WriteAsync(reply, ct);
                }
            }
        });
    }

    /// <summary>The manifest a P2PSim file server computes for <paramref name="content"/>.</summary>
    public static FileManifest ManifestOf(byte[] content)
    {
        var blockSize = FileManifest.BlockSizeFor(content.Length);
        var count = FileManifest.BlockCountFor(content.Length, blockSize);
        var hashes = Enumerable.Range(0, count)
            .Select(i => SHA256.HashData(content.AsSpan(i * blockSize, Math.Min(blockSize, content.Length - (i * blockSize)))))
            .ToArray();
        return new FileManifest(content.Length, blockSize, SHA256.HashData(content), hashes);
    }

    /// <summary>Code 0 and the manifest of <paramref name="content"/>.</summary>
    public static byte[] ManifestReply(byte[] content) => ManifestReply(ManifestOf(content));

    /// <summary>Code 0 and <paramref name="manifest"/>.</summary>
    public static byte[] ManifestReply(FileManifest manifest)
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write("0\0"u8);
        ManifestCodec.Encode(manifest, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Code 0 and the bytes of <paramref name="content"/> that <paramref name="range"/> asks for.</summary>
    public static byte[] RangeReply(byte[] content, RangeRequest range) =>
        [.. "0\0"u8, .. content.AsSpan(checked((int)range.Offset), range.Length)];

    private static bool TryTakeRequest(List<byte> pending, out PeerRequest request)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(pending.ToArray()));
        if (!PeerRequestCodec.TryDecode(ref reader, FieldLimits.Classic, out var decoded) || decoded is null)
        {
            request = null!;
            return false;
        }

        pending.RemoveRange(0, (int)reader.Consumed);
        request = decoded;
        return true;
    }
}
