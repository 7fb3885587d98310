using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using P2PSim.Peer.Internal;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Transport;
using P2PSim.Transport.Framing;
using P2PSim.Transport.Timing;

namespace P2PSim.Peer.Serving;

/// <summary>
/// The multi-source extension on a peer connection (docs/extensions.md §2): GET_MANIFEST and GET_RANGE requests,
/// pipelined on one connection and answered in order, each reply starting with an ASCII result code. Any code other
/// than 0 ends the connection after it is sent, so a client never has to resynchronise. Ranges stream
/// through chunks of a per-server budget (<see cref="RangeBudget"/>), so unread replies cannot grow memory; a
/// file cut short underneath yields an honest code 3 or, once bytes are on their way, a reset: never a short block.
/// </summary>
internal sealed class ExtensionSession(
    IConnection connection, ShareFolder share, ManifestCache manifests, RangeBudget ranges, FileServerOptions options, ILogger logger)
{
    private string? _openPath;
    private SafeFileHandle? _openFile;

    /// <summary>
    /// Serves <paramref name="first"/>, then every request that follows on <paramref name="reader"/> (which holds
    /// what the client pipelined behind the first) until the client closes or idles.
    /// </summary>
    public async Task RunAsync(PeerRequest first, FrameReader reader, CancellationToken stopping)
    {
        var remote = connection.RemoteEndPoint.ToString();
        using var idle = new IdleTimeout(options.IdleTimeout, options.TimeProvider, stopping);
        try
        {
            var request = first;
            while (request is not null)
            {
                if (!await AnswerAsync(request, remote, idle))
                {
                    return;
                }

                request = await ReadNextAsync(reader, remote, idle);
            }
        }
        finally
        {
            _openFile?.Dispose();
        }
    }

    /// <summary>Answers one request; false when the connection must end after it.</summary>
    private async Task<bool> AnswerAsync(PeerRequest request, string remote, IdleTimeout idle)
    {
        var (code, manifest, path) = Find(request, remote);
        switch (request)
        {
            case ManifestRequest when code == GetFileResult.Ok:
            {
                var reply = new ArrayBufferWriter<byte>(256 + (manifest!.BlockCount * 65));
                GetFileCodec.EncodeResult(GetFileResult.Ok, ResultEncoding.Ascii, reply);
                ManifestCodec.Encode(manifest, reply);
                await connection.Stream.WriteAsync(reply.WrittenMemory, idle.Restart());
                Log.ExtensionRequest(logger, connection.Id, remote, "GET_MANIFEST", request.FileName, $"0, {manifest.BlockCount} blocks");
                return true;
            }

            case RangeRequest range when code == GetFileResult.Ok:
                code = Check(range, manifest!);
                if (code == GetFileResult.Ok)
                {
                    return await SendRangeAsync(range, path!, remote, idle);
                }

                break;
            case GetFileRequest:
                // GET_FILE ends its connection with the file's last byte, so it cannot follow an extension request.
                code = GetFileResult.Error;
                break;
        }

        Log.ExtensionRequest(logger, connection.Id, remote, Name(request), request.FileName, ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WriteCodeAsync(code, idle.Restart());
        return false;
    }

    /// <summary>Resolves the name once; the path and the file's current manifest serve the whole answer.</summary>
    private (GetFileResult Code, FileManifest? Manifest, string? Path) Find(PeerRequest request, string remote)
    {
        if (request is GetFileRequest)
        {
            return (GetFileResult.Error, null, null);
        }

        if (!share.TryResolve(request.FileName, out var path))
        {
            Log.RefusedFileName(logger, connection.Id, remote, Printable.Of(request.FileName));
            return (GetFileResult.Error, null, null);
        }

        try
        {
            return (GetFileResult.Ok, manifests.Get(path), path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (GetFileResult.NotFound, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.FileUnreadable(logger, connection.Id, path, e.Message);
            return (GetFileResult.Error, null, null);
        }
    }

    /// <summary>A range must name the current version and lie inside the file.</summary>
    private static GetFileResult Check(RangeRequest range, FileManifest manifest)
    {
        if (!string.Equals(range.Version, manifest.Version, StringComparison.OrdinalIgnoreCase))
        {
            return GetFileResult.Changed;
        }

        // Offset > Size - Length rather than Offset + Length > Size: an offset near long.MaxValue must not wrap.
        return range.Offset > manifest.Size - range.Length ? GetFileResult.Error : GetFileResult.Ok;
    }

    /// <summary>
    /// Streams one range through chunks of the server's range budget, so an unread reply pins one chunk, not the
    /// range. The code goes out with the first chunk; a file found shorter than the range before anything is sent
    /// gets an honest 3, and one cut short mid-reply ends the connection with a reset (an IOException), never a
    /// short block the client could take for the range.
    /// </summary>
    private async Task<bool> SendRangeAsync(RangeRequest range, string path, string remote, IdleTimeout idle)
    {
        var file = Open(path);
        if (RandomAccess.GetLength(file) - range.Length < range.Offset)
        {
            return await RefuseCutShortAsync(range, remote, idle);
        }

        var sent = 0;
        var first = true;
        while (first || sent < range.Length)
        {
            var chunk = await ranges.RentAsync(idle.Restart());
            try
            {
                var header = first ? RangeReplyCodec.HeaderLength : 0;
                var want = Math.Min(ranges.ChunkBytes - header, range.Length - sent);
                if (Read(file, chunk.AsSpan(header, want), range.Offset + sent) < want)
                {
                    if (first)
                    {
                        return await RefuseCutShortAsync(range, remote, idle);
                    }

                    throw new IOException($"{range.FileName} was cut short while its range was being sent");
                }

                if (first)
                {
                    RangeReplyCodec.WriteHeader(chunk);
                }

                await connection.Stream.WriteAsync(chunk.AsMemory(0, header + want), idle.Restart());
                sent += want;
                first = false;
            }
            finally
            {
                ranges.Return(chunk);
            }
        }

        return true;
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/>; fewer bytes only at the file's end.</summary>
    private static int Read(SafeFileHandle file, Span<byte> destination, long offset)
    {
        // Synchronous reads on purpose, as in GET_FILE: on Unix the async variant is this same read on a pool
        // thread, whose completion no deterministic scheduler (the simulation pump, Coyote) controls.
        var read = 0;
        while (read < destination.Length)
        {
            var n = RandomAccess.Read(file, destination[read..], offset + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    private async Task<bool> RefuseCutShortAsync(RangeRequest range, string remote, IdleTimeout idle)
    {
        Log.ExtensionRequest(logger, connection.Id, remote, "GET_RANGE", range.FileName, "3, the file was cut short");
        await WriteCodeAsync(GetFileResult.Changed, idle.Restart());
        return false;
    }

    /// <summary>Keeps the last file open: a client fetches many ranges of one file on a connection.</summary>
    private SafeFileHandle Open(string path)
    {
        if (_openPath != path || _openFile is null)
        {
            _openFile?.Dispose();
            _openFile = null;
            _openFile = RegularFile.Open(path);
            _openPath = path;
        }

        return _openFile;
    }

    /// <summary>Reads until the next request decodes; null when the client closed the connection between requests.</summary>
    private async Task<PeerRequest?> ReadNextAsync(FrameReader reader, string remote, IdleTimeout idle)
    {
        try
        {
            var read = await reader.ReadFrameAsync<FieldLimits, PeerRequest?>(PeerRequestCodec.TryDecode, options.Limits, idle);
            switch (read.Status)
            {
                case FrameStatus.Frame:
                    return read.Frame;
                case FrameStatus.OverLimit:
                    // Unreachable while the limits hold (the decoder throws first); a guard against a busy loop.
                    await WriteCodeAsync(GetFileResult.Error, idle.Restart());
                    return null;
                default:
                    return null;
            }
        }
        catch (ProtocolException e)
        {
            Log.BadFileRequest(logger, connection.Id, remote, e.Message);
            await WriteCodeAsync(GetFileResult.Error, idle.Restart());
            return null;
        }
    }

    private async Task WriteCodeAsync(GetFileResult result, CancellationToken cancellationToken)
    {
        var code = new ArrayBufferWriter<byte>(4);
        GetFileCodec.EncodeResult(result, ResultEncoding.Ascii, code);
        await connection.Stream.WriteAsync(code.WrittenMemory, cancellationToken);
    }

    private static string Name(PeerRequest request) => request switch
    {
        ManifestRequest => PeerRequestCodec.ManifestOperation,
        RangeRequest => PeerRequestCodec.RangeOperation,
        _ => GetFileCodec.OperationName,
    };
}
