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
/// and the three reply shapes of the classic peers: raw content up to the close, <c>size\0</c> + content, and
/// <c>size\0</c> + content + one NUL. The content goes to a temporary file beside the target that replaces the
/// target only when the whole transfer succeeded.
/// </summary>
/// <remarks>
/// A raw reply marks the end of the content by closing, so a close cannot be told from completion; a reset or a
/// silent peer (see <see cref="IdleTimeout"/>) can, and those leave no file. A reply whose body starts with 1 to 20
/// digits and a NUL is read as size-prefixed, and must then hold exactly that many bytes (and at most one NUL after
/// them): short or long, it fails and leaves no file, so a raw file that itself starts with digits and a NUL can
/// only be fetched this way when its length happens to match (docs/protocol.md §6.3). With the lone-digit encoding a file
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
    /// <exception cref="TransferFailedException">
    /// The peer could not be reached, went silent, reset the connection, did not answer GET_FILE, or sent a size prefix
    /// that the content does not match (short or long; docs/protocol.md §6.2). No file is left behind.
    /// </exception>
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

            // The reader's part ends here: what it buffered is the start of the reply's body, then raw reads follow.
            var filled = reader.BufferedCount;
            var body = buffer.AsSpan(consumed, filled - consumed);
            var prefix = GetFileCodec.ReadSizePrefix(body[..Math.Min(body.Length, HeadLength)], out var size);
            var content = new SizedContentCount(prefix > 0 ? size : null);
            await WriteContentAsync(partial, content, buffer.AsMemory(consumed + prefix, filled - consumed - prefix), exchange, cancellationToken);
            while (!ended)
            {
                var read = await exchange.ReadAsync(buffer);
                ended = read == 0;
                await WriteContentAsync(partial, content, buffer.AsMemory(0, read), exchange, cancellationToken);
            }

            if (prefix > 0)
            {
                await SettleSizedAsync(partial, content, prefix, remoteName, peer, exchange, cancellationToken);
            }

            var bytes = partial.Length;
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
    /// Writes one piece of content, counting it. After a size prefix a reply longer than the size and one trailing
    /// NUL is refused as soon as it passes that length, rather than after the peer has sent all it wants to.
    /// </summary>
    private static async Task WriteContentAsync(
        PartialFile partial, SizedContentCount content, ReadOnlyMemory<byte> bytes, PeerExchange exchange, CancellationToken cancellationToken)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        content.Add(bytes.Span);
        if (content.Size is { } size && content.Received > size + 1)
        {
            throw exchange.Failed(
                $"its size prefix announced {size} bytes but more followed (a long reply); nothing was saved");
        }

        await partial.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>
    /// Applies the exact rule for a reply with a size prefix (docs/protocol.md §6.3): the announced bytes, optionally
    /// one NUL (dropped), then the close. A short or long reply is a failure and leaves no file.
    /// </summary>
    private async Task SettleSizedAsync(
        PartialFile partial, SizedContentCount content, int prefix, string remoteName, TransportEndPoint peer, PeerExchange exchange,
        CancellationToken cancellationToken)
    {
        var size = content.Size.GetValueOrDefault();
        switch (GetFileCodec.CheckSizedContent(size, content.Received, content.LastByte))
        {
            case SizedContent.Exact:
                Log.SizePrefixStripped(_logger, remoteName, peer.ToString(), prefix);
                return;
            case SizedContent.TrailingNul:
                Log.SizePrefixStripped(_logger, remoteName, peer.ToString(), prefix);
                Log.TrailingNulDropped(_logger, remoteName, peer.ToString(), size);
                await partial.TruncateAsync(size, cancellationToken);
                return;
            case SizedContent.Short:
                throw exchange.Failed(
                    $"its size prefix announced {size} bytes but only {content.Received} arrived before it closed (a short reply); nothing was saved");
            default:
                throw exchange.Failed(
                    $"its size prefix announced {size} bytes but {content.Received} followed, the last not a NUL (a long reply); nothing was saved");
        }
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
