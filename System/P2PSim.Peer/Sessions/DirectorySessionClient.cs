using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.Transport;
using P2PSim.Transport.Framing;
using P2PSim.Transport.Timing;

namespace P2PSim.Peer.Sessions;

/// <summary>
/// One persistent, pipelined session with a directory server (docs/sessions.md): many callers may send at once,
/// up to the server's window; each gets the reply to its own request. Replies come in request order, so the
/// client keeps its requests in a queue in the order their frames went out (the write lock covers both the id,
/// the queue and the write) and checks every reply's id against the oldest one. Failures end the whole session
/// and fail every waiting call: network trouble, a reply that is late, or a Close from the server surface as
/// <see cref="DirectoryUnavailableException"/>; a session that is not valid framing any more as
/// <see cref="ProtocolException"/>. A malformed reply inside a good frame fails its own call only.
/// </summary>
public sealed partial class DirectorySessionClient : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly FrameReader _reader;
    private readonly SessionClientOptions _options;
    private const int WakeEveryWaiter = 1 << 20;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _window;
    private readonly object _gate = new();
    private readonly Queue<PendingReply> _pending = new();
    private readonly ArrayBufferWriter<byte> _frame = new(256);
    private readonly CancellationTokenSource _closing = new();
    private Task _reading = Task.CompletedTask;
    private Task _heartbeats = Task.CompletedTask;
    private uint _nextId;
    private long _lastSent;
    private Exception? _failure;

    private DirectorySessionClient(
        IConnection connection, FrameReader reader, TransportEndPoint server, SessionTerms terms, SessionClientOptions options)
    {
        _connection = connection;
        _reader = reader;
        _options = options;
        Server = server;
        Terms = terms;
        _window = new SemaphoreSlim(terms.Window); // no maximum: the end of the session releases every waiter at once
        _lastSent = options.TimeProvider.GetTimestamp();
    }

    /// <summary>The directory server's address.</summary>
    public TransportEndPoint Server { get; }

    /// <summary>What the server granted: version, frame limit, window, heartbeat and idle time.</summary>
    public SessionTerms Terms { get; }

    /// <summary>False once the session has ended, for whatever reason; every call then fails at once.</summary>
    public bool IsOpen => Volatile.Read(ref _failure) is null;

    /// <summary>Requests sent and not answered yet.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Connects and sends the hello. Null when the server does not offer sessions (a classic server answers the
    /// hello as an unknown operation): the caller then uses the classic protocol.
    /// </summary>
    /// <exception cref="DirectoryUnavailableException">The server cannot be reached or did not answer in time.</exception>
    /// <exception cref="ProtocolException">The server's terms are not valid.</exception>
    public static async Task<DirectorySessionClient?> TryOpenAsync(
        ITransport transport, TransportEndPoint server, SessionClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SessionClientOptions();
        using var deadline = new LinkedDeadline(options.Timeout, options.TimeProvider, cancellationToken);
        IConnection? connection = null;
        FrameReader? reader = null;
        try
        {
            connection = await transport.ConnectAsync(server, deadline.Token);
            var hello = new ArrayBufferWriter<byte>(16);
            SessionHelloCodec.WriteHello(hello);
            await connection.Stream.WriteAsync(hello.WrittenMemory, deadline.Token);
            reader = FrameReader.Pooled(connection.Stream, 4096, options.MaxReplyBytes + SessionFrameCodec.HeaderLength);
            var read = await reader.ReadFrameAsync<int, SessionTerms?>(SessionHelloCodec.TryDecodeTerms, 0, deadline.Token);
            if (read is not { IsFrame: true, Frame: { } terms })
            {
                reader.Dispose();
                await connection.DisposeAsync();
                return null;
            }

            if (terms.Version != SessionHelloCodec.CurrentVersion)
            {
                throw new ProtocolException($"The server chose session version {terms.Version}, which this client does not speak.");
            }

            var client = new DirectorySessionClient(connection, reader, server, terms, options);
            client.Start();
            return client;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            reader?.Dispose();
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw e switch
            {
                ProtocolException => e,
                OperationCanceledException => Unavailable(server, $"did not answer the session hello within {options.Timeout.TotalSeconds:0.###} s", e),
                ConnectionRefusedException => Unavailable(server, "refused the connection (nothing is listening there)", e),
                IOException or ObjectDisposedException or TransportException => Unavailable(server, $"failed during the hello ({e.Message})", e),
                _ => e,
            };
        }
    }

    /// <summary>Sends <paramref name="request"/> on the session and returns its reply.</summary>
    /// <exception cref="DirectoryUnavailableException">The session failed, or the reply did not come in time.</exception>
    /// <exception cref="ProtocolException">The reply is malformed.</exception>
    /// <exception cref="ArgumentException">A field holds a NUL, a newline or a lone surrogate.</exception>
    public async Task<DirectoryReply> SendAsync(DirectoryRequest request, CancellationToken cancellationToken = default)
    {
        var body = DirectoryClient.Encode(request);
        ThrowIfFailed();
        using var deadline = new LinkedDeadline(_options.Timeout, _options.TimeProvider, cancellationToken);
        await WaitForWindowAsync(deadline.Token, cancellationToken);

        PendingReply pending;
        try
        {
            pending = await WriteRequestAsync(request.Operation, body, deadline.Token);
        }
        catch
        {
            _window.Release();
            throw;
        }

        return await AwaitReplyAsync(pending, deadline.Token, cancellationToken);
    }

    /// <summary>Ends the session (a Close frame when it is still up), then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_failure is null)
        {
            try
            {
                await WriteControlAsync(SessionFrameKind.Close, 0, CloseBody(), _options.Timeout);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or DirectoryUnavailableException)
            {
                // The server is gone already; closing is all that is left.
            }
        }

        Fail(new ObjectDisposedException(nameof(DirectorySessionClient), "The session is closed."));
        await _reading;
        await _heartbeats;
        _reader.Dispose();
        await _connection.DisposeAsync();
        _closing.Dispose();
    }

    private static byte[] CloseBody()
    {
        var frame = new ArrayBufferWriter<byte>(32);
        SessionCloseCodec.Write(frame, SessionCloseCode.Normal, "client done");
        return frame.WrittenSpan[SessionFrameCodec.HeaderLength..].ToArray();
    }

    private void Start()
    {
        _reading = ReadRepliesAsync();
        if (_options.Heartbeats && Terms.HeartbeatSeconds > 0)
        {
            _heartbeats = SendHeartbeatsAsync(TimeSpan.FromSeconds(Terms.HeartbeatSeconds));
        }
    }

    /// <summary>Waits for a free place in the window; a session that ends meanwhile wakes every waiter (see <see cref="Fail"/>).</summary>
    private async Task WaitForWindowAsync(CancellationToken deadline, CancellationToken caller)
    {
        try
        {
            await _window.WaitAsync(deadline);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            throw Fail(Late("a free place in the window"));
        }

        ThrowIfFailed(); // woken by the end of the session, not by a reply
    }

    private async Task<PendingReply> WriteRequestAsync(Operation operation, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            PendingReply pending;
            lock (_gate)
            {
                ThrowIfFailed();
                pending = new PendingReply(++_nextId, operation);
                _pending.Enqueue(pending);
            }

            _frame.ResetWrittenCount();
            SessionFrameCodec.Write(_frame, SessionFrameKind.Request, pending.Id, body.Span);
            await WriteFrameAsync(cancellationToken);
            return pending;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes the frame in <see cref="_frame"/>; the caller holds the write lock. A write cut short loses the framing: the session ends.</summary>
    private async Task WriteFrameAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _connection.Stream.WriteAsync(_frame.WrittenMemory, cancellationToken);
            Interlocked.Exchange(ref _lastSent, _options.TimeProvider.GetTimestamp());
        }
        catch (OperationCanceledException e)
        {
            throw Fail(Unavailable(Server, "did not take a request in time (the write was cut off)", e));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw Fail(Unavailable(Server, $"failed during the exchange ({e.Message})", e));
        }
    }

    private async Task WriteControlAsync(SessionFrameKind kind, uint id, ReadOnlyMemory<byte> body, TimeSpan timeout)
    {
        using var deadline = new LinkedDeadline(timeout, _options.TimeProvider, _closing.Token);
        await _writeLock.WaitAsync(deadline.Token);
        try
        {
            ThrowIfFailed();
            _frame.ResetWrittenCount();
            SessionFrameCodec.Write(_frame, kind, id, body.Span);
            await WriteFrameAsync(deadline.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<DirectoryReply> AwaitReplyAsync(PendingReply pending, CancellationToken deadline, CancellationToken caller)
    {
        // The caller giving up cancels its own wait; a reply that is late ends the session, since every reply
        // behind it would be late too.
        var registration = deadline.Register(
            static state =>
            {
                var (client, pending, caller) = ((DirectorySessionClient, PendingReply, CancellationToken))state!;
                if (caller.IsCancellationRequested)
                {
                    pending.Reply.TrySetCanceled(caller);
                }
                else
                {
                    // Fail answers every queued call; this one too, should it have left the queue already.
                    pending.Reply.TrySetException(client.Fail(client.Late($"the {pending.Operation.WireName()} reply")));
                }
            },
            (this, pending, caller));
        try
        {
            return await pending.Reply.Task;
        }
        finally
        {
            // Unregister, not Dispose: Dispose may wait for a callback that is running, which Coyote cannot schedule.
            registration.Unregister();
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure is ObjectDisposedException
                ? new ObjectDisposedException(nameof(DirectorySessionClient), "The session is closed.")
                : Unavailable(Server, $"ended the session earlier ({failure.Message})", failure);
        }
    }

    /// <summary>Ends the session for good: every waiting call fails with <paramref name="reason"/>. Returns it, for throwing.</summary>
    private Exception Fail(Exception reason)
    {
        PendingReply[] waiting;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return reason;
            }

            _failure = reason;
            waiting = [.. _pending];
            _pending.Clear();
        }

        foreach (var pending in waiting)
        {
            pending.Reply.TrySetException(reason);
        }

        // Wakes every call still waiting for a place in the window; each sees the failure next. (A release rather
        // than a cancellation: a linked token per waiting call would cost a source on every full window.)
        _window.Release(WakeEveryWaiter);

        _closing.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
        _connection.Abort();
        return reason;
    }

    private DirectoryUnavailableException Late(string what) =>
        Unavailable(Server, $"did not send {what} within {_options.Timeout.TotalSeconds:0.###} s");

    private static DirectoryUnavailableException Unavailable(TransportEndPoint server, string reason, Exception? inner = null) =>
        new(server, reason, inner);
}
