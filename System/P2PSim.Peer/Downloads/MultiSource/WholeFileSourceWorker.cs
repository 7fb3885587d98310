using System.Buffers;
using System.Security.Cryptography;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Protocol.Wire;
using P2PSim.Transport;
using P2PSim.Transport.Framing;
using P2PSim.Transport.Timing;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// Uses a classic peer, which only speaks GET_FILE, as a sequential source: it streams the whole file, and each
/// block that arrives while still needed is verified against the manifest and kept. It takes no block from the
/// board, so it never holds work another source could do; it just fills the front of the file while the others
/// fetch ranges. A block that fails verification means the peer has another version: it is dropped.
/// </summary>
internal sealed class WholeFileSourceWorker(DownloadContext context, int id, SourceStats stats)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        stats.WholeFileOnly = true;
        var manifest = context.Manifest;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(manifest.BlockSize, 64));
        IConnection? connection = null;
        using var idle = new IdleTimeout(context.Options.BlockTimeout, context.Options.TimeProvider, cancellationToken);
        try
        {
            connection = await context.Transport.ConnectAsync(stats.Source.EndPoint, idle.Restart());
            var request = new ArrayBufferWriter<byte>(64);
            PeerRequestCodec.Encode(new GetFileRequest(context.FileName), request);
            await connection.Stream.WriteAsync(request.WrittenMemory, idle.Restart());
            var leftover = await ReadHeaderAsync(connection.Stream, buffer, idle);
            if (leftover < 0)
            {
                Drop("it refused GET_FILE");
                return;
            }

            for (var block = 0; block < manifest.BlockCount && !context.Board.IsComplete; block++)
            {
                var length = manifest.LengthOf(block);
                if (leftover < length)
                {
                    await BoundedRead.ReadExactlyAsync(connection.Stream, buffer.AsMemory(leftover, length - leftover), idle.Restart());
                }

                leftover = 0;
                if (context.Board.IsDone(block))
                {
                    continue;
                }

                if (!SHA256.HashData(buffer.AsSpan(0, length)).AsSpan().SequenceEqual(manifest.BlockHashes[block]))
                {
                    stats.CorruptBlocks++;
                    stats.Faults++;
                    Drop($"block {block} of its copy failed verification (another version of the file)");
                    return;
                }

                context.File.Write(block, buffer.AsSpan(0, length));
                if (context.Board.TryComplete(block, id))
                {
                    stats.Blocks++;
                    stats.Bytes += length;
                    context.BlockDone();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Done or cancelled: the rest of the stream is not needed.
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or ProtocolException or OperationCanceledException)
        {
            Drop($"its stream broke ({e.Message})");
        }
        finally
        {
            if (stats.DroppedReason is null)
            {
                context.Board.SourceGone(id); // its stream is spent: it can deliver nothing more
            }

            ArrayPool<byte>.Shared.Return(buffer);
            if (connection is not null)
            {
                connection.Abort();
                await connection.DisposeAsync();
            }

            context.Board.WorkerEnded();
        }
    }

    /// <summary>
    /// Reads the result code and the optional <c>size\0</c> prefix some classic peers send. Returns how many content
    /// bytes are already in <paramref name="buffer"/> (moved to its start), or -1 when the code is not 0.
    /// </summary>
    private async Task<int> ReadHeaderAsync(Stream stream, byte[] buffer, IdleTimeout idle)
    {
        // No more than the header's longest form is read through the reader, so what follows it is less than a block.
        const int HeadLength = 24; // a code with its NUL, 20 digits and a NUL
        using var reader = new FrameReader(stream, buffer, HeadLength);
        await reader.FillAtLeastAsync(HeadLength, idle);
        var head = reader.Buffered.Span;
        if (!ResultCode.TryRead(head, out var code, out var consumed) || code != 0)
        {
            return -1;
        }

        var expected = context.Manifest.Size;
        var prefix = GetFileCodec.SizePrefixLengthFor(head[consumed..], expected);
        reader.Consume(consumed + prefix);
        reader.Buffered.Span.CopyTo(buffer);
        return reader.BufferedCount;
    }

    private void Drop(string reason)
    {
        stats.DroppedReason ??= reason;
        Log.SourceDropped(context.Logger, stats.Source.ToString(), reason);
        context.Board.SourceGone(id);
    }
}
