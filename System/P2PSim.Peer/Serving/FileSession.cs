using System.Buffers;
using Microsoft.Extensions.Logging;
using P2PSim.Peer.Internal;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Transport;
using P2PSim.Transport.Framing;
using P2PSim.Transport.Timing;

namespace P2PSim.Peer.Serving;

/// <summary>
/// One peer connection. A GET_FILE request gets the classic answer (spec §3): read <c>GET_FILE\0 name\0</c> within the request timeout, answer 1 for a
/// missing file or 2 for a refused name or bad request, otherwise 0 followed by the content, then close. The
/// file is opened before the code is written, so a file that cannot be read still gets an honest code. A
/// GET_MANIFEST or GET_RANGE request hands the connection to <see cref="ExtensionSession"/>.
/// </summary>
internal sealed class FileSession(
    IConnection connection, ConnectionSlot slot, ShareFolder share, ManifestCache manifests, RangeBudget ranges, FileServerOptions options, ILogger logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        var remote = connection.RemoteEndPoint.ToString();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(options.BufferSize, MaxRequestBytes(options.Limits)));
        var phase = "request";
        try
        {
            using var reader = new FrameReader(connection.Stream, buffer, MaxRequestBytes(options.Limits));
            var request = await ReadRequestAsync(reader, remote, stopping);
            var unread = reader.BufferedCount > 0;
            if (request is not null && !slot.TryActivate())
            {
                // Over the transfer limit (or evicted while its request arrived): shed, as at accept before.
                Log.FileConnectionLimitReached(logger, $"{options.MaxConnections} transfers", remote);
                connection.Abort();
                return;
            }

            if (request is GetFileRequest getFile)
            {
                phase = "transfer";
                await ServeAsync(getFile, buffer, remote, stopping);
            }
            else if (request is not null)
            {
                phase = "extension";
                await new ExtensionSession(connection, share, manifests, ranges, options, logger).RunAsync(request, reader, stopping);
                unread = false;
            }

            // Skipped in systematic tests (no timers there), whose in-memory connections never reset anyway.
            if (unread && options.RequestTimeout != Timeout.InfiniteTimeSpan)
            {
                await GracefulClose.ShutdownAndDrainAsync(connection, buffer, options.TimeProvider, stopping);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping or timed out. Abort rather than close: after a graceful close a half-sent file would look
            // complete to the client, since a classic transfer ends with the connection.
            if (!stopping.IsCancellationRequested)
            {
                Log.FileSessionTimedOut(logger, connection.Id, remote, phase);
            }

            connection.Abort();
        }
        catch (IOException e)
        {
            Log.FileConnectionFailed(logger, connection.Id, remote, e.Message);
            connection.Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await connection.DisposeAsync();
        }
    }

    /// <summary>Answers a decoded request: a refusal code, or code 0 and the file.</summary>
    private async Task ServeAsync(GetFileRequest request, byte[] buffer, string remote, CancellationToken stopping)
    {
        using var idle = new IdleTimeout(options.IdleTimeout, options.TimeProvider, stopping);
        await using var file = Open(request.FileName, remote, out var refusal);
        if (file is null)
        {
            await WriteCodeAsync(refusal, idle.Restart());
            return;
        }

        var sent = await SendAsync(file, buffer, idle, stopping);
        Log.FileRequest(logger, connection.Id, remote, request.FileName, $"0, {sent} bytes");
    }

    /// <summary>The largest valid request of any kind (a GET_RANGE with every field at its limit).</summary>
    internal static int MaxRequestBytes(FieldLimits limits) => PeerRequestCodec.MaxRequestBytes(limits);

    /// <summary>
    /// Reads until a request decodes (the request's bytes consumed from <paramref name="reader"/>, what followed them
    /// left buffered). The request is null when the client left early (nothing is left buffered) or sent garbage
    /// (already answered 2; what it sent stays buffered).
    /// </summary>
    private async Task<PeerRequest?> ReadRequestAsync(FrameReader reader, string remote, CancellationToken stopping)
    {
        using var linked = new LinkedDeadline(options.RequestTimeout, options.TimeProvider, stopping);
        string problem;
        try
        {
            var read = await reader.ReadFrameAsync<FieldLimits, PeerRequest?>(PeerRequestCodec.TryDecode, options.Limits, linked.Token);
            if (read.IsFrame)
            {
                return read.Frame;
            }

            if (read.Status != FrameStatus.OverLimit)
            {
                Log.FileConnectionFailed(logger, connection.Id, remote, $"closed before a complete request ({reader.BufferedCount} bytes)");
                reader.Clear();
                return null;
            }

            // Unreachable while the limits hold (the decoder throws first); a guard against a busy loop.
            problem = "The request is larger than any valid request.";
        }
        catch (ProtocolException e)
        {
            problem = e.Message;
        }

        Log.BadFileRequest(logger, connection.Id, remote, problem);
        await WriteCodeAsync(GetFileResult.Error, linked.Token);
        return null;
    }

    /// <summary>Opens the requested file, or says which code refuses it.</summary>
    private FileStream? Open(string name, string remote, out GetFileResult refusal)
    {
        refusal = GetFileResult.Error;
        if (!share.TryResolve(name, out var path))
        {
            Log.RefusedFileName(logger, connection.Id, remote, Printable.Of(name));
            return null;
        }

        try
        {
            if (Directory.Exists(path))
            {
                throw new FileNotFoundException("The name is a folder, not a file.", path);
            }

            // Regular files only: a named pipe would hold this connection for ever waiting for a writer.
            return new FileStream(RegularFile.Open(path), FileAccess.Read, bufferSize: 0); // reads are whole chunks already
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            refusal = GetFileResult.NotFound;
            Log.FileRequest(logger, connection.Id, remote, name, "1, no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.FileUnreadable(logger, connection.Id, path, e.Message);
        }

        return null;
    }

    /// <summary>
    /// Streams code 0 and the content. The code goes out in the same write as the first chunk: one segment for a
    /// small file, and a client never sees a lone "0" it must wait on.
    /// </summary>
    private async Task<long> SendAsync(FileStream file, byte[] buffer, IdleTimeout idle, CancellationToken stopping)
    {
        var code = new ArrayBufferWriter<byte>(4);
        GetFileCodec.EncodeResult(GetFileResult.Ok, options.ResultEncoding, code);
        code.WrittenSpan.CopyTo(buffer);
        var filled = code.WrittenCount;
        var chunk = Math.Max(options.BufferSize, filled + 1);
        long sent = 0;
        while (true)
        {
            // A synchronous read on purpose: on Unix FileStream's async methods are this same read run on a
            // thread-pool thread, whose completion no deterministic scheduler (the simulation pump, Coyote) controls.
            // One chunk from a local file is short.
            stopping.ThrowIfCancellationRequested();
            var read = file.Read(buffer, filled, chunk - filled);
            filled += read;
            if (filled > 0)
            {
                await connection.Stream.WriteAsync(buffer.AsMemory(0, filled), idle.Restart());
            }

            if (read == 0)
            {
                return sent;
            }

            sent += read;
            filled = 0;
        }
    }

    private async Task WriteCodeAsync(GetFileResult result, CancellationToken cancellationToken)
    {
        var code = new ArrayBufferWriter<byte>(4);
        GetFileCodec.EncodeResult(result, options.ResultEncoding, code);
        await connection.Stream.WriteAsync(code.WrittenMemory, cancellationToken);
    }
}
