using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.Transport;
using P2PSim.Transport.Framing;
using P2PSim.Transport.Timing;

namespace P2PSim.DirectoryServer.Sessions;

/// <summary>
/// One persistent session (docs/sessions.md): after the hello, request frames in, reply frames out, in order,
/// through the same <see cref="DirectoryService.HandleAsync"/> as a classic connection. The loop handles every frame
/// already buffered (at most <see cref="SessionOptions.Window"/>) before it writes their replies in one write and
/// reads again, which is what makes pipelining cheap. Bounded everywhere: frame size (checked from the length
/// field, before the body is buffered), read buffer, requests ahead of replies, idle time, write time, rate.
/// A session starts anonymous; after ACCOUNT or LOGIN (§6) every request on it acts as that user. The users it
/// CONNECTs are present while it lives: when it ends without their DISCONNECT, the <see cref="PresenceTracker"/>
/// orphans them (§7).
/// </summary>
internal sealed class SessionConnection(
    IConnection connection, DirectoryService service, AccountService accounts, ListReplyCache replies,
    PresenceTracker presence, DirectoryServerOptions options, ILogger logger)
{
    private const int ReadBufferBytes = 64 * 1024;
    private const int FlushBytes = 32 * 1024;

    private readonly SessionOptions _session = options.Sessions;
    private readonly int _maxFrameBytes = MaxFrameBytes(options.Limits);
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private readonly ArrayBufferWriter<byte> _replyBody = new(256);
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);
    private long _id;
    private Caller _caller;

    /// <summary>The longest frame a client may send: the largest valid request plus the frame header.</summary>
    internal static int MaxFrameBytes(FieldLimits limits) => DirectorySession.MaxRequestBytes(limits) + SessionFrameCodec.HeaderLength;

    /// <summary>
    /// Runs the session until the client closes or ends it, a bound is broken, <paramref name="serverStopping"/>
    /// (orderly: the client gets a Close frame) or <paramref name="abort"/> (the drain is over) is cancelled.
    /// <paramref name="alreadyRead"/> holds what the client sent right behind its hello. The caller disposes the connection.
    /// </summary>
    public async Task RunAsync(int offeredVersion, ReadOnlyMemory<byte> alreadyRead, CancellationToken serverStopping, CancellationToken abort)
    {
        var clock = options.TimeProvider;
        var remote = connection.RemoteEndPoint.ToString();
        using var stopping = new LinkedStop(serverStopping, abort);
        using var reader = FrameReader.Pooled(
            connection.Stream, 4096, Math.Max(ReadBufferBytes, Math.Max(_maxFrameBytes, alreadyRead.Length)), alreadyRead.Span);
        using var idle = new IdleTimeout(_session.IdleTimeout, clock, stopping.Token);
        using var writes = new IdleTimeout(_session.WriteTimeout, clock, abort);
        var bucket = new TokenBucket(_session.RequestsPerSecond, _session.Burst, clock);
        var version = Math.Min(offeredVersion, SessionHelloCodec.CurrentVersion);
        Log.SessionOpened(logger, connection.Id, remote, version);
        var requests = 0L;
        var outcome = "the client closed the connection";
        try
        {
            _id = await presence.NewSessionAsync();
            _caller = Caller.Anonymous with { Session = _id };
            SessionHelloCodec.WriteTerms(_output, Terms(version));
            while (true)
            {
                var handled = 0;
                while (handled < _session.Window && reader.TryRead<int, SessionFrame>(SessionFrameCodec.TryDecode, _maxFrameBytes, out var frame))
                {
                    handled++;
                    switch (frame.Kind)
                    {
                        case SessionFrameKind.Request:
                            var wait = bucket.Take();
                            if (wait > TimeSpan.Zero)
                            {
                                // Flood control: answer what is done, then make this client wait its turn.
                                await FlushAsync(writes);
                                await ClockDelay.DelayAsync(wait, clock, stopping.Token);
                            }

                            if (AccountCodec.IsAccountRequest(frame.Body, out var accountOperation))
                            {
                                // A password check takes a while: the replies already due go out first.
                                await FlushAsync(writes);
                                await HandleAccountAsync(frame, accountOperation, stopping.Token);
                            }
                            else
                            {
                                await HandleAsync(frame, connection.RemoteEndPoint.Host);
                            }

                            requests++;
                            break;
                        case SessionFrameKind.Ping:
                            SessionFrameCodec.Write(_output, SessionFrameKind.Pong, frame.Id, []);
                            break;
                        case SessionFrameKind.Pong:
                            break; // its arrival is the liveness it reports
                        case SessionFrameKind.Close:
                            outcome = "the client ended the session";
                            await FlushAsync(writes);
                            return;
                        default:
                            throw new SessionProtocolException(SessionCloseCode.Malformed, "A client sent a reply frame.");
                    }

                    if (_output.WrittenCount >= FlushBytes)
                    {
                        await FlushAsync(writes);
                    }
                }

                await FlushAsync(writes);
                if (handled == _session.Window)
                {
                    continue; // more may be buffered: answer those before reading
                }

                var read = await reader.FillAsync(idle.Restart());
                idle.Stop();
                if (read == 0)
                {
                    if (reader.BufferedCount > 0)
                    {
                        outcome = $"the client closed in the middle of a frame ({reader.BufferedCount} bytes)";
                    }

                    return;
                }
            }
        }
        catch (SessionProtocolException e)
        {
            outcome = e.Message;
            Log.SessionProtocolError(logger, connection.Id, remote, e.Message);
            await TryCloseAsync(e.Code, e.Message, writes);
        }
        catch (OperationCanceledException) when (idle.Expired)
        {
            outcome = $"no frame within {_session.IdleTimeout}";
            await TryCloseAsync(SessionCloseCode.Idle, "No frame within the idle time.", writes);
        }
        catch (OperationCanceledException) when (writes.Expired)
        {
            outcome = $"replies unread for {_session.WriteTimeout}";

            // A reset, not a graceful close: the unsent replies would otherwise sit in the kernel's buffers,
            // retransmitted for minutes, for every client that stops reading.
            connection.Abort();
        }
        catch (OperationCanceledException) when (serverStopping.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            outcome = "the server is stopping";
            await TryCloseAsync(SessionCloseCode.Normal, "The server is stopping.", writes);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            outcome = "the server stopped";
        }
        catch (IOException e)
        {
            outcome = e.Message;
        }
        catch (RegistryUnavailableException e)
        {
            // The store cannot number the session (a shared registry unreachable): nothing to serve it with.
            outcome = e.Message;
            await TryCloseAsync(SessionCloseCode.Normal, "The registry is unavailable; try again later.", writes);
        }
        finally
        {
            Log.SessionClosed(logger, connection.Id, remote, requests, outcome);
            if (_present.Count > 0)
            {
                // Ended without DISCONNECT: killed, cut, idle, closed by a client that left its users behind, or
                // the server is stopping (then the users stay orphaned, with no grace period running).
                await presence.LostAsync(_id, _present, connection.RemoteEndPoint.Host, serverStopping);
            }
        }
    }

    private SessionTerms Terms(int version) => new(
        version, _maxFrameBytes, _session.Window, Seconds(_session.Heartbeat), Seconds(_session.IdleTimeout));

    private static int Seconds(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan ? 0 : (int)Math.Clamp(Math.Ceiling(span.TotalSeconds), 1, int.MaxValue);

    /// <summary>Decodes, handles and answers one request frame; a malformed request is answered, not fatal.</summary>
    private async ValueTask HandleAsync(SessionFrame frame, string clientHost)
    {
        _replyBody.ResetWrittenCount();
        ReadOnlyMemory<byte> body;
        try
        {
            var request = RequestOf(frame.Body);
            AnnouncedAddress.Check(request, clientHost, logger, connection.Id);
            var reply = await service.HandleAsync(request, clientHost, _caller);
            TrackPresence(request, reply.Code);
            body = replies.Encode(reply, ResultEncoding.Ascii, _replyBody);
        }
        catch (ProtocolException e)
        {
            Log.BadRequest(logger, connection.Id, connection.RemoteEndPoint.ToString(), e.Message);
            _replyBody.ResetWrittenCount();
            if (e.Operation is { } operation)
            {
                DirectoryReplyEncoder.Encode(new DirectoryReply(operation, operation.OtherErrorCode()), ResultEncoding.Ascii, _replyBody);
            }
            else
            {
                DirectoryReplyEncoder.EncodeUnknownOperation(ResultEncoding.Ascii, _replyBody);
            }

            body = _replyBody.WrittenMemory;
        }

        SessionFrameCodec.Write(_output, SessionFrameKind.Reply, frame.Id, body.Span);
    }

    /// <summary>The users whose presence this session holds: those it CONNECTed and has not DISCONNECTed or UNREGISTERed.</summary>
    private void TrackPresence(DirectoryRequest request, int code)
    {
        if (code != 0)
        {
            return;
        }

        switch (request)
        {
            case ConnectRequest:
                _present.Add(request.User);
                break;
            case DisconnectRequest or UnregisterRequest:
                _present.Remove(request.User);
                break;
        }
    }

    /// <summary>
    /// ACCOUNT or LOGIN: the password check runs here, in the session's order, so requests pipelined behind a LOGIN
    /// already act as its user. A session logs in once: another user's ACCOUNT or LOGIN later is an error.
    /// </summary>
    private async Task HandleAccountAsync(SessionFrame frame, AccountOperation operation, CancellationToken cancellationToken)
    {
        var source = connection.RemoteEndPoint.Host;
        int code;
        try
        {
            // Decoded before any await: the frame's bytes live in the read buffer only until the next read.
            var request = AccountCodec.Decode(frame.Body, options.Limits);
            code = await AnswerAsync(request, source, cancellationToken);
        }
        catch (ProtocolException e)
        {
            Log.BadRequest(logger, connection.Id, connection.RemoteEndPoint.ToString(), e.Message);
            code = AccountCodec.OtherErrorCode(operation);
        }

        _replyBody.ResetWrittenCount();
        AccountCodec.EncodeReply(code, _replyBody);
        SessionFrameCodec.Write(_output, SessionFrameKind.Reply, frame.Id, _replyBody.WrittenSpan);
    }

    private async Task<int> AnswerAsync(AccountRequest request, string source, CancellationToken cancellationToken)
    {
        if (_caller.IsAuthenticated && (request.Operation == AccountOperation.Create || request.User != _caller.User))
        {
            Log.BadRequest(logger, connection.Id, connection.RemoteEndPoint.ToString(), $"{request}: the session is logged in as {_caller.User}");
            return AccountCodec.OtherErrorCode(request.Operation);
        }

        if (request.Operation == AccountOperation.Create)
        {
            var (created, owner) = await accounts.CreateAsync(request, source, cancellationToken);
            _caller = created == AccountResult.Created ? owner with { Session = _id } : _caller;
            return (int)created;
        }

        var (result, caller) = await accounts.LoginAsync(request, source, cancellationToken);
        _caller = result == LoginResult.LoggedIn ? caller with { Session = _id } : _caller;
        return (int)result;
    }

    /// <summary>The one classic request a frame's body holds, all of it and nothing more.</summary>
    private DirectoryRequest RequestOf(ReadOnlySequence<byte> body)
    {
        var reader = new SequenceReader<byte>(body);
        if (!DirectoryRequestDecoder.TryDecode(ref reader, options.Limits, out var request) || request is null)
        {
            throw new ProtocolException("The frame ends inside its request.", OperationNamed(body));
        }

        if (!reader.End)
        {
            throw new ProtocolException($"The frame has {reader.Remaining} bytes after its request.", request.Operation);
        }

        return request;
    }

    /// <summary>The operation a truncated request names, so that its error code can answer it.</summary>
    private static Operation? OperationNamed(ReadOnlySequence<byte> body)
    {
        var reader = new SequenceReader<byte>(body);
        return reader.TryReadTo(out ReadOnlySpan<byte> name, 0) && OperationInfo.TryParse(Encoding.UTF8.GetString(name), out var operation)
            ? operation
            : null;
    }

    private async ValueTask FlushAsync(IdleTimeout writes)
    {
        if (_output.WrittenCount == 0)
        {
            return;
        }

        await connection.Stream.WriteAsync(_output.WrittenMemory, writes.Restart());
        writes.Stop();
        _output.ResetWrittenCount();
    }

    /// <summary>Best effort: tells the client why before the connection closes; a client that is gone is not waited for.</summary>
    private async Task TryCloseAsync(SessionCloseCode code, string reason, IdleTimeout writes)
    {
        try
        {
            SessionCloseCodec.Write(_output, code, reason);
            await FlushAsync(writes);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is closed next either way; with a reset when the client is not reading, so the Close
            // frame does not linger in the kernel's buffers.
            if (writes.Expired)
            {
                connection.Abort();
            }
        }
    }
}
