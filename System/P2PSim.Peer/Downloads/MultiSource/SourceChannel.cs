using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Protocol.Wire;
using P2PSim.Transport;
using P2PSim.Transport.Framing;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// The client end of one extension connection to a source (docs/extensions.md §2): a manifest request, then range
/// requests written ahead of their replies, whose bytes are read straight into the caller's block buffer.
/// </summary>
internal sealed class SourceChannel : IAsyncDisposable
{
    /// <summary>Bound on a manifest reply: the largest legal manifest with room to spare.</summary>
    private const int MaxManifestBytes = 8 * 1024 * 1024;

    private readonly IConnection _connection;
    private readonly ArrayBufferWriter<byte> _requests = new(512);
    private readonly FrameReader _reader;

    private SourceChannel(IConnection connection)
    {
        _connection = connection;
        _reader = FrameReader.Pooled(connection.Stream, 64 * 1024, MaxManifestBytes);
    }

    public static async Task<SourceChannel> ConnectAsync(ITransport transport, TransportEndPoint endPoint, CancellationToken cancellationToken) =>
        new(await transport.ConnectAsync(endPoint, cancellationToken));

    /// <summary>
    /// Asks for the manifest. Null when the source refused the request in a way that says it does not speak the
    /// extension (a classic peer answers an unknown operation with 2 and closes).
    /// </summary>
    /// <exception cref="SourceRefusedException">Code 1: the source has no such file.</exception>
    public async Task<FileManifest?> GetManifestAsync(string fileName, CancellationToken cancellationToken)
    {
        await SendAsync(new ManifestRequest(fileName), cancellationToken);
        var read = await _reader.ReadFrameAsync<int, ManifestReply>(TryDecodeManifestReply, 0, cancellationToken);
        return read.Status switch
        {
            FrameStatus.Frame => read.Frame.Refusal switch
            {
                null => read.Frame.Manifest,
                1 => throw new SourceRefusedException(1, $"the source has no file named {fileName}"),
                _ => null,
            },
            FrameStatus.End => null, // closed without a word: not a P2PSim peer
            FrameStatus.EndMidFrame => throw new ProtocolException("The source closed the connection in the middle of its manifest."),
            _ => throw new ProtocolException($"The source's reply is larger than {_reader.Limit} bytes."),
        };
    }

    /// <summary>Queues a range request; <see cref="FlushAsync"/> sends the queued requests in one write.</summary>
    public void Queue(RangeRequest request) => PeerRequestCodec.Encode(request, _requests);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_requests.WrittenCount > 0)
        {
            await _connection.Stream.WriteAsync(_requests.WrittenMemory, cancellationToken);
            _requests.ResetWrittenCount();
        }
    }

    /// <summary>Reads the reply to the oldest outstanding range request into <paramref name="block"/>.</summary>
    /// <exception cref="SourceRefusedException">The source refused the range (its code says why).</exception>
    /// <exception cref="IOException">The connection broke or closed early.</exception>
    public async Task ReadRangeAsync(Memory<byte> block, CancellationToken cancellationToken)
    {
        var ended = false;
        bool ok;
        int code;
        while (!RangeReplyCodec.TryReadHeader(_reader.Buffered.Span, ended, out ok, out code))
        {
            if (ended)
            {
                throw new IOException("The source closed the connection before the block arrived.");
            }

            ended = !await _reader.FillAtLeastAsync(RangeReplyCodec.HeaderLength, cancellationToken);
        }

        if (!ok)
        {
            throw new SourceRefusedException(code, $"the source refused the range with code {code}");
        }

        // What is buffered is copied into the block; the rest comes straight from the connection, not through the buffer.
        _reader.Consume(RangeReplyCodec.HeaderLength);
        await _reader.ReadExactlyAsync(block, cancellationToken);
    }

    /// <summary>Breaks the connection at once: outstanding requests are abandoned.</summary>
    public void Abort() => _connection.Abort();

    // Awaited rather than passed through: Coyote's rewrite of the pass-through form is an invalid program (1.7.11).
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _reader.Dispose();
    }

    private async Task SendAsync(PeerRequest request, CancellationToken cancellationToken)
    {
        var bytes = new ArrayBufferWriter<byte>(128);
        PeerRequestCodec.Encode(request, bytes);
        await _connection.Stream.WriteAsync(bytes.WrittenMemory, cancellationToken);
    }

    /// <summary>
    /// A manifest reply as a frame: its result code and, after code 0, the manifest. A refusal is a whole frame too
    /// (the source closes after it).
    /// </summary>
    private static bool TryDecodeManifestReply(ref SequenceReader<byte> reader, int unused, out ManifestReply reply)
    {
        reply = default;
        if (!ResultCode.TryRead(reader.UnreadSpan, out var code, out var consumed))
        {
            return false;
        }

        if (code != 0)
        {
            reply = new ManifestReply(null, code);
            return true;
        }

        if (consumed < 2)
        {
            return false; // "0" without its NUL yet: extension replies always use ASCII + NUL
        }

        reader.Advance(consumed);
        if (!ManifestCodec.TryDecode(ref reader, out var manifest))
        {
            return false;
        }

        reply = new ManifestReply(manifest, null);
        return true;
    }

    private readonly record struct ManifestReply(FileManifest? Manifest, int? Refusal);
}
