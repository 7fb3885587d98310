using System.Buffers;
using Microsoft.Extensions.Logging;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Transport;
using P2PSim.Transport.Framing;
using P2PSim.Transport.Timing;

namespace P2PSim.DirectoryServer;

/// <summary>
/// One connection, one operation (spec §1): read a whole request within the request timeout, handle it, write the
/// reply, close. Malformed input gets the operation's "other error" code (or -1 for an unknown operation) and the
/// connection is closed; nothing a client sends can make the session buffer more than one maximal request. A
/// connection that opens with a session hello instead becomes a <see cref="SessionConnection"/> (docs/sessions.md).
/// With <see cref="DirectoryServerOptions.ClassicRequests"/> off, a classic request gets its "other error" code.
/// </summary>
internal sealed class DirectorySession(
    IConnection connection, DirectoryService service, AccountService accounts, ListReplyCache replies,
    PresenceTracker presence, DirectoryServerOptions options, ILogger logger)
{
    public async Task RunAsync(CancellationToken stopping, CancellationToken serverStopping = default)
    {
        var remote = connection.RemoteEndPoint.ToString();
        using var deadline = new LinkedDeadline(options.RequestTimeout, options.TimeProvider, stopping);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxRequestBytes(options.Limits));
        var replying = false; // a timeout then means a client that stopped reading
        try
        {
            var reply = new ArrayBufferWriter<byte>(256);
            // The whole rented buffer: the decoder refuses a request long before it, so the limit is only a guard.
            using var reader = new FrameReader(connection.Stream, buffer, buffer.Length);
            DirectoryRequest? request;
            bool unread;
            try
            {
                var read = await reader.ReadFrameAsync<(FieldLimits, bool), Opening>(
                    Opening.TryDecode, (options.Limits, options.Sessions.Enabled), deadline.Token);
                if (read.Frame.IsHello)
                {
                    // The request timeout bounded the hello; the session has its own idle and write bounds.
                    await new SessionConnection(connection, service, accounts, replies, presence, options, logger)
                        .RunAsync(read.Frame.HelloVersion, reader.Buffered, serverStopping, stopping);
                    return;
                }

                (request, unread) = Settle(new FrameRead<DirectoryRequest?>(read.Status, read.Frame.Request), reader.BufferedCount, reply, remote);
                if (request is not null && !options.ClassicRequests)
                {
                    Log.ClassicRefused(logger, connection.Id, remote);
                    DirectoryReplyEncoder.Encode(
                        new DirectoryReply(request.Operation, request.Operation.OtherErrorCode()), options.ResultEncoding, reply);
                    request = null;
                }
            }
            catch (ProtocolException e)
            {
                (request, unread) = (Reject(e, reply, remote), true);
            }

            if (request is not null)
            {
                AnnouncedAddress.Check(request, connection.RemoteEndPoint.Host, logger, connection.Id);
            }

            var bytes = request is null
                ? reply.WrittenMemory // nothing to handle, or the error reply to a malformed request
                : replies.Encode(await service.HandleAsync(request, connection.RemoteEndPoint.Host), options.ResultEncoding, reply, options.ListContent);
            if (bytes.Length > 0)
            {
                replying = true;
                await connection.Stream.WriteAsync(bytes, deadline.Token);
                replying = false;
            }

            // No drain when timeouts are off (systematic tests): it runs on a timer, and in-memory connections
            // never reset anyway.
            if (unread && options.RequestTimeout != Timeout.InfiniteTimeSpan)
            {
                await GracefulClose.ShutdownAndDrainAsync(connection, buffer, options.TimeProvider, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            Log.RequestTimedOut(logger, connection.Id, remote, options.RequestTimeout);
            if (replying)
            {
                // A reset for a client that stopped reading, not a graceful close: that would leave its unsent
                // reply in the kernel's buffers, retransmitted for minutes. (A silent or trickling sender still
                // gets a graceful close: it has nothing unsent waiting.)
                connection.Abort();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Server stopping: drop the connection.
        }
        catch (IOException e)
        {
            Log.ConnectionFailed(logger, connection.Id, remote, e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// What a read of the request left: the request, or null when there is nothing to handle (the client closed
    /// early, or the request was malformed: then the error reply is already in <paramref name="reply"/>).
    /// <c>Unread</c> is true when the client may have sent bytes the session did not consume.
    /// </summary>
    private (DirectoryRequest? Request, bool Unread) Settle(
        FrameRead<DirectoryRequest?> read, int buffered, ArrayBufferWriter<byte> reply, string remote)
    {
        switch (read.Status)
        {
            case FrameStatus.Frame:
                return (read.Frame, buffered > 0);
            case FrameStatus.OverLimit:
                // Unreachable while the limits hold (the decoder throws first); a guard, not a code path.
                return (Reject(new ProtocolException("The request is larger than any valid request."), reply, remote), true);
            default:
                Log.IncompleteRequest(logger, connection.Id, remote, buffered);
                return (null, false);
        }
    }

    private DirectoryRequest? Reject(ProtocolException error, ArrayBufferWriter<byte> reply, string remote)
    {
        Log.BadRequest(logger, connection.Id, remote, error.Message);
        if (error.Operation is { } operation)
        {
            DirectoryReplyEncoder.Encode(new DirectoryReply(operation, operation.OtherErrorCode()), options.ResultEncoding, reply);
        }
        else
        {
            DirectoryReplyEncoder.EncodeUnknownOperation(options.ResultEncoding, reply);
        }

        return null;
    }

    /// <summary>The largest valid request: every field at its limit plus its terminator.</summary>
    internal static int MaxRequestBytes(FieldLimits limits) =>
        limits.OperationName + 1 +
        Timestamp.Length + 1 +
        limits.UserName + 1 +
        Math.Max(
            // PUBLISH (file name, description) or SEARCH (text, result count): the two-field tails.
            Math.Max(limits.FileName + 1 + limits.Description + 1, limits.Description + 1 + limits.Number + 1),
            // CONNECT (port) or LIST_CONTENT (remote user): one field more; DELETE and FIND_SOURCES fit in the first term.
            Math.Max(
                Math.Max(limits.UserName, limits.Number) + 1,
                // CONNECT with the client's IP before the port.
                Math.Max(limits.Number, ConnectRequest.MaxAddressLength) + 1 + limits.Number + 1));
}
