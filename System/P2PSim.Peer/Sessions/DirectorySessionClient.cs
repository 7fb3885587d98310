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
/// client keeps its requests in a queue in the order their frames go out, and checks every reply's id against the
/// oldest one. Frames of concurrent callers are coalesced: each caller encodes its frame into the shared outgoing
/// buffer, numbering and queuing it in the same lock section (which is what keeps queue order and wire order the
/// same), and the caller that finds no write under way becomes the writer and writes everything queued, batch after
/// batch, until the buffer is empty; the others just wait for their replies. One watchdog per session bounds the
/// replies and the writes (see <see cref="SessionClientOptions.Timeout"/>) and sends the heartbeats. Failures end
/// the whole session and fail every waiting call: network trouble, a reply that is late, or a Close from the server
/// surface as <see cref="DirectoryUnavailableException"/>; a session that is not valid framing any more as
/// <see cref="ProtocolException"/>. A malformed reply inside a good frame fails its own call only.
/// </summary>
public sealed partial class DirectorySessionClient : IAsyncDisposable
{
    private const int WakeEveryWaiter = 1 << 20;

    private static readonly Action<DirectoryRequest, OutgoingFrames> EncodeRequest = static (r, output) => DirectoryRequestEncoder.Encode(r, output);

    private readonly IConnection _connection;
    private readonly FrameReader _reader;
    private readonly SessionClientOptions _options;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _window;
    private readonly object _gate = new();
    private readonly Queue<PendingReply> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<Exception> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;
    private Task _watching = Task.CompletedTask;
    private uint _nextId;
    private Exception? _failure;

    private DirectorySessionClient(
        IConnection connection, FrameReader reader, TransportEndPoint server, SessionTerms terms, SessionClientOptions options)
    {
        _connection = connection;
        _reader = reader;
        _options = options;
        _clock = options.TimeProvider;
        Server = server;
        Terms = terms;
        _window = new SemaphoreSlim(terms.Window); // no maximum: the end of the session releases every waiter at once
        _lastSent = _clock.GetTimestamp();
        _lastReceived = _lastSent;
    }

    /// <summary>The directory server's address.</summary>
    public TransportEndPoint Server { get; }

    /// <summary>What the server granted: version, frame limit, window, heartbeat and idle time.</summary>
    public SessionTerms Terms { get; }

    /// <summary>False once the session has ended, for whatever reason; every call then fails at once.</summary>
    public bool IsOpen => Volatile.Read(ref _failure) is null;

    /// <summary>
    /// Completes, with the reason, when the session ends for whatever reason: an <see cref="ObjectDisposedException"/>
    /// when it was disposed, anything else when it was lost (the server closed it, the network failed, a reply or
    /// a heartbeat was late). Never faults.
    /// </summary>
    public Task<Exception> Ended => _ended.Task;

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
    /// <remarks>
    /// Cancelling <paramref name="cancellationToken"/> gives up this call's wait only: a request already queued still
    /// goes out, and its reply, when it comes, keeps its place in the window until then.
    /// </remarks>
    /// <exception cref="DirectoryUnavailableException">The session failed, or a reply did not come in time.</exception>
    /// <exception cref="ProtocolException">The reply is malformed.</exception>
    /// <exception cref="ArgumentException">A field holds a NUL, a newline or a lone surrogate.</exception>
    public Task<DirectoryReply> SendAsync(DirectoryRequest request, CancellationToken cancellationToken = default)
    {
        // Not async: a call that finds a place in the window and a write under way costs no state machine at all,
        // only its PendingReply; the slower paths below are async.
        try
        {
            DirectoryClient.Validate(request);
            ThrowIfFailed();
        }
        catch (Exception e) when (e is ArgumentException or DirectoryUnavailableException or ObjectDisposedException)
        {
            return Task.FromException<DirectoryReply>(e);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<DirectoryReply>(cancellationToken);
        }

        // No deadline of its own: a full window means requests in flight, which the watchdog bounds; when it ends
        // the session, Fail wakes every waiter here.
        var window = _window.WaitAsync(cancellationToken);
        return window.IsCompletedSuccessfully
            ? SendInWindow(request, cancellationToken)
            : SendAfterWindowAsync(window, request, cancellationToken);
    }

    /// <summary>Ends the session (a Close frame when it is still up), then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _failure) is null)
        {
            // Flushing never throws (a failed write ends the session), and the watchdog bounds a write that hangs.
            await WriteCloseAsync();
            await WhenWrittenAsync();
        }

        Fail(new ObjectDisposedException(nameof(DirectorySessionClient), "The session is closed."));
        await WhenWrittenAsync(); // a write under way ends at the abort; the connection is disposed only after it
        await _reading;
        await _watching;
        _reader.Dispose();
        await _connection.DisposeAsync();
        _closing.Dispose();
    }

    private void Start()
    {
        _reading = ReadRepliesAsync();
        var heartbeat = _options.Heartbeats && Terms.HeartbeatSeconds > 0
            ? TimeSpan.FromSeconds(Terms.HeartbeatSeconds)
            : Timeout.InfiniteTimeSpan;
        if (_options.Timeout != Timeout.InfiniteTimeSpan || heartbeat != Timeout.InfiniteTimeSpan)
        {
            // None in systematic tests (no timeout, no heartbeats): a timer there is a delay Coyote fires at will.
            _watching = WatchAsync(heartbeat);
        }
    }

    private async Task<DirectoryReply> SendAfterWindowAsync(Task window, DirectoryRequest request, CancellationToken cancellationToken)
    {
        await window;
        return await SendInWindow(request, cancellationToken);
    }

    private Task<DirectoryReply> SendInWindow(DirectoryRequest request, CancellationToken cancellationToken) =>
        SendInWindow(new PendingReply(request.Operation), request, EncodeRequest, cancellationToken);

    /// <summary>
    /// Queues a request whose body <paramref name="encode"/> writes, holding a place in the window: the reply, or the
    /// end of the session, gives it back.
    /// </summary>
    private Task<DirectoryReply> SendInWindow<TRequest>(
        PendingReply pending, TRequest request, Action<TRequest, OutgoingFrames> encode, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            // Registered before the request is queued, so that the reply (which unregisters it) cannot come first.
            pending.Cancellation = cancellationToken.Register(
                static (state, token) => ((PendingReply)state!).TrySetCanceled(token), pending);
        }

        bool write;
        bool othersInFlight;
        try
        {
            write = Queue(pending, request, encode, out othersInFlight);
        }
        catch (Exception e) when (e is DirectoryUnavailableException or ObjectDisposedException or ArgumentException)
        {
            pending.Cancellation.Unregister();
            _window.Release();
            return Task.FromException<DirectoryReply>(e);
        }

        return write ? WriteThenWaitAsync(pending, othersInFlight) : pending.Task;
    }

    private async Task<DirectoryReply> WriteThenWaitAsync(PendingReply pending, bool othersInFlight)
    {
        if (othersInFlight)
        {
            // Pipelined: the replies to the others wake their callers one after another, each about to send. Let
            // them append first, so that one write carries all their frames instead of one write each (the write
            // side is ours meanwhile: they only append). Alone in flight, the frame goes out at once.
            await Task.Yield();
        }

        await FlushAsync();
        return await pending.Task;
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
            pending.Fail(reason);
        }

        // Wakes every call still waiting for a place in the window; each sees the failure next. (A release rather
        // than a cancellation: a linked token per waiting call would cost a source on every full window.)
        _window.Release(WakeEveryWaiter);

        _closing.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
        _connection.Abort();
        _ended.TrySetResult(reason);
        return reason;
    }


    private static DirectoryUnavailableException Unavailable(TransportEndPoint server, string reason, Exception? inner = null) =>
        new(server, reason, inner);
}
