using System.Buffers;
using P2PSim.Peer.Internal;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Protocol.Wire;
using P2PSim.Transport;

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
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private SourceChannel(IConnection connection) => _connection = connection;

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
        while (true)
        {
            if (_end > _start && TryDecodeManifest(out var manifest, out var refusal))
            {
                return refusal switch
                {
                    null => manifest,
                    1 => throw new SourceRefusedException(1, $"the source has no file named {fileName}"),
                    _ => null,
                };
            }

            if (!await FillAsync(MaxManifestBytes, cancellationToken))
            {
                if (_end == _start)
                {
                    return null; // closed without a word: not a P2PSim peer
                }

                throw new ProtocolException("The source closed the connection in the middle of its manifest.");
            }
        }
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
        while (_end - _start < 2)
        {
            if (!await FillAsync(_buffer.Length, cancellationToken))
            {
                if (_end > _start && _buffer[_start] is >= (byte)'1' and <= (byte)'9')
                {
                    break; // a refusal code, then the close
                }

                throw new IOException("The source closed the connection before the block arrived.");
            }
        }

        if (_buffer[_start] != (byte)'0' || _buffer[_start + 1] != 0)
        {
            var code = _buffer[_start] is >= (byte)'0' and <= (byte)'9' ? _buffer[_start] - '0' : -1;
            throw new SourceRefusedException(code, $"the source refused the range with code {code}");
        }

        _start += 2;
        var copied = Math.Min(block.Length, _end - _start);
        _buffer.AsMemory(_start, copied).CopyTo(block);
        _start += copied;

        // The rest comes straight from the connection into the block: no copy through the buffer.
        if (copied < block.Length)
        {
            await BoundedRead.ReadExactlyAsync(_connection.Stream, block[copied..], cancellationToken);
        }
    }

    /// <summary>Breaks the connection at once: outstanding requests are abandoned.</summary>
    public void Abort() => _connection.Abort();

    // Awaited rather than passed through: Coyote's rewrite of the pass-through form is an invalid program (1.7.11).
    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private async Task SendAsync(PeerRequest request, CancellationToken cancellationToken)
    {
        var bytes = new ArrayBufferWriter<byte>(128);
        PeerRequestCodec.Encode(request, bytes);
        await _connection.Stream.WriteAsync(bytes.WrittenMemory, cancellationToken);
    }

    /// <summary>Decodes a manifest reply from the buffer; <paramref name="refusal"/> is the code when it is not 0.</summary>
    private bool TryDecodeManifest(out FileManifest? manifest, out int? refusal)
    {
        manifest = null;
        refusal = null;
        var span = _buffer.AsSpan(_start, _end - _start);
        if (!ResultCode.TryRead(span, out var code, out var consumed))
        {
            return false;
        }

        if (code != 0)
        {
            refusal = code;
            return true;
        }

        if (consumed < 2)
        {
            return false; // "0" without its NUL yet: extension replies always use ASCII + NUL
        }

        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_buffer, _start + consumed, _end - _start - consumed));
        if (!ManifestCodec.TryDecode(ref reader, out manifest))
        {
            return false;
        }

        _start += consumed + (int)reader.Consumed;
        return true;
    }

    /// <summary>Reads more bytes into the buffer, growing it up to <paramref name="limit"/>; false at the end of the stream.</summary>
    private async Task<bool> FillAsync(int limit, CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= limit)
            {
                throw new ProtocolException($"The source's reply is larger than {limit} bytes.");
            }

            Array.Resize(ref _buffer, Math.Min(limit, _buffer.Length * 2));
        }

        var read = await _connection.Stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }
}
