using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Protocol.Wire;
using P2PSim.Transport;

namespace P2PSim.Peer.Downloads;

/// <summary>
/// Downloads one file from a peer with the classic GET_FILE (spec §3). Accepts the three result-code encodings
/// and the optional <c>size\0</c> prefix some classic peers send. The content goes to a temporary file beside the
/// target that replaces the target only when the whole transfer succeeded.
/// </summary>
/// <remarks>
/// A classic peer marks the end of the content by closing, so a close cannot be told from completion; a reset or a
/// silent peer (see <see cref="IdleTimeout"/>) can, and those leave no file. With the lone-digit encoding a file
/// whose first byte is NUL is ambiguous on the wire (<c>"0" 00</c> reads as ASCII + NUL): its first byte is lost.
/// </remarks>
public sealed class FileDownloader
{
    /// <summary>Bytes looked at for a <c>size\0</c> prefix: up to 20 digits and the NUL.</summary>
    private const int HeadLength = 21;

    private readonly ITransport _transport;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="transport">How to reach peers.</param>
    /// <param name="idleTimeout">How long any one network wait may take (connect, each read); 30 s by default.</param>
    /// <param name="logger">Diagnostics.</param>
    /// <param name="timeProvider">Clock for timeouts; a fake one in tests.</param>
    public FileDownloader(ITransport transport, TimeSpan? idleTimeout = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _transport = transport;
        IdleTimeout = idleTimeout ?? TimeSpan.FromSeconds(30);
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long any one network wait may take before the transfer is abandoned.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Size of the pooled buffer the content streams through.</summary>
    // Stryker disable once Arithmetic : 0 is raised to the head's length below; a smaller buffer only means more reads
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>
    /// Asks <paramref name="peer"/> for <paramref name="remoteName"/> and stores it at <paramref name="localPath"/>.
    /// Returns the peer's result code; only on 0 does a file appear (replacing any file already there).
    /// </summary>
    /// <exception cref="TransferFailedException">The peer could not be reached, went silent, reset the connection or did not answer GET_FILE.</exception>
    /// <exception cref="IOException">The local file could not be written.</exception>
    public async Task<DownloadResult> DownloadAsync(
        TransportEndPoint peer, string remoteName, string localPath, CancellationToken cancellationToken = default)
    {
        var request = EncodeRequest(remoteName);
        await using var exchange = new PeerExchange(_transport, peer, remoteName, IdleTimeout, _timeProvider, cancellationToken);
        await exchange.ConnectAsync();
        await exchange.WriteAsync(request);
        // Stryker disable once Arithmetic : the shared pool hands out at least 32 bytes for 17 as for 25, room for the 23 the head needs
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BufferSize, HeadLength + 4));
        try
        {
            // Two bytes tell the encodings apart ("0\0" ASCII, "0x" lone digit, "-1"); fewer only at end of stream.
            using var reader = exchange.Reader(buffer);
            var ended = !await exchange.FillAsync(reader, 2);
            var (code, consumed) = ReadCode(exchange, reader.Buffered.Span);
            if (code != 0)
            {
                Log.Downloaded(_logger, remoteName, peer.ToString(), code, 0, localPath);
                return new DownloadResult(code, 0);
            }

            await using var partial = PartialFile.Create(localPath);
            if (!ended)
            {
                ended = !await exchange.FillAsync(reader, consumed + HeadLength);
            }

            // The reader's part ends here: what it buffered is the start of the content, then raw reads follow.
            var filled = reader.BufferedCount;
            var head = buffer.AsSpan(consumed, Math.Min(filled - consumed, HeadLength)).ToArray();
            var held = PossibleSizePrefix(head);
            await partial.WriteAsync(buffer.AsMemory(consumed + held, filled - consumed - held), cancellationToken);
            while (!ended)
            {
                var read = await exchange.ReadAsync(buffer);
                ended = read == 0;
                await partial.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            var bytes = await SettlePrefixAsync(partial, head, held, remoteName, peer, cancellationToken);
            await partial.CommitAsync(cancellationToken);
            Log.Downloaded(_logger, remoteName, peer.ToString(), 0, bytes, localPath);
            return new DownloadResult(0, bytes);
        }
        finally
        {
            // Stryker disable once Statement : a buffer not returned is left to the garbage collector; the pool rents a new one
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Length of the bytes held back because they look like <c>size\0</c> (digits then NUL), 0 when they do not.
    /// Held back rather than stripped later so the common prefixed reply is written once; whether it really was a
    /// prefix is settled at the end, when the total length is known.
    /// </summary>
    private static int PossibleSizePrefix(ReadOnlySpan<byte> head)
    {
        var nul = head.IndexOf((byte)0);
        // Stryker disable once Conditional,Equality : bytes held back that are no prefix (a NUL first, or not digits) are put back by SettlePrefixAsync: the same file, one copy more
        return nul > 0 && !head[..nul].ContainsAnyExceptInRange((byte)'0', (byte)'9') ? nul + 1 : 0;
    }

    /// <summary>Decides, with the codec's rule, whether the held bytes were a prefix; puts them back if not.</summary>
    private async Task<long> SettlePrefixAsync(
        PartialFile partial, byte[] head, int held, string remoteName, TransportEndPoint peer, CancellationToken cancellationToken)
    {
        var written = partial.Length;
        if (held == 0)
        {
            return written;
        }

        if (GetFileCodec.SizePrefixLength(head, held + written) == held)
        {
            Log.SizePrefixStripped(_logger, remoteName, peer.ToString(), held);
            return written;
        }

        await partial.PrependAsync(head.AsMemory(0, held), cancellationToken);
        return held + written;
    }

    private static (int Code, int Consumed) ReadCode(PeerExchange exchange, ReadOnlySpan<byte> reply)
    {
        try
        {
            if (ResultCode.TryRead(reply, out var code, out var consumed))
            {
                return (code, consumed);
            }
        }
        catch (ProtocolException e)
        {
            throw exchange.Failed($"the peer did not answer GET_FILE ({e.Message})", e);
        }

        throw exchange.Failed("the peer closed the connection without a reply");
    }

    private static byte[] EncodeRequest(string remoteName)
    {
        if (remoteName.AsSpan().IndexOfAny('\0', '\n') >= 0)
        {
            throw new ArgumentException("A file name cannot contain a NUL or newline.", nameof(remoteName));
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        GetFileCodec.EncodeRequest(new GetFileRequest(remoteName), buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
