namespace P2PSim.Transport.Hosting;

/// <summary>
/// A server bound and running on a transport: what hosts, fixtures and tests hold. Its life is bind → run → drain →
/// unbind. Disposing stops it in one order for every server: stop accepting, stop the endpoints that run alongside
/// (the log service's UDP), drain the running connections within the server's grace, and only then unbind.
/// </summary>
/// <remarks>
/// Stop accepting, drain, unbind is Kestrel's order. Unbinding last keeps the address ours until every connection
/// of this server has ended, so a host that restarts on the same fixed port never overlaps a draining old
/// instance; a client that connects meanwhile waits in the listener's queue and is refused at the unbind, exactly
/// as after it. Disposing is idempotent and safe from several tasks at once: every caller waits for the one stop.
/// </remarks>
/// <typeparam name="TServer">The server's type, so holders reach its own state (its registry, its counters).</typeparam>
public sealed class RunningServer<TServer> : IAsyncDisposable
    where TServer : IConnectionServer
{
    private readonly IConnectionListener _listener;
    private readonly IAsyncDisposable[] _alongside;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;
    private TaskCompletionSource? _stopped;

    private RunningServer(IConnectionListener listener, TServer server, IAsyncDisposable[] alongside)
    {
        _listener = listener;
        _alongside = alongside;
        Server = server;
        _run = server.RunAsync(listener, _stopping.Token);
    }

    /// <summary>The address clients connect to (the real port when 0 was asked for).</summary>
    public TransportEndPoint EndPoint => _listener.LocalEndPoint;

    /// <summary>The server itself.</summary>
    public TServer Server { get; }

    /// <summary>Completes when the server's accept loop and drain have ended.</summary>
    public Task Completion => _run;

    /// <summary>Binds <paramref name="endPoint"/> on <paramref name="transport"/> and starts <paramref name="server"/> on it.</summary>
    public static async Task<RunningServer<TServer>> StartAsync(
        ITransport transport, TransportEndPoint endPoint, TServer server, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var listener = await transport.BindAsync(endPoint, cancellationToken);
        return Start(listener, server);
    }

    /// <summary>
    /// Starts <paramref name="server"/> on a listener already bound, taking ownership of it and of
    /// <paramref name="alongside"/>: endpoints the server also answers on, disposed when it stops accepting.
    /// </summary>
    public static RunningServer<TServer> Start(IConnectionListener listener, TServer server, params IAsyncDisposable[] alongside)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(server);
        return new RunningServer<TServer>(listener, server, alongside);
    }

    /// <summary>Stops accepting, stops the endpoints alongside, drains within the server's grace and unbinds.</summary>
    public async ValueTask DisposeAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _stopped, stopped, null) is { } first)
        {
            await first.Task;
            return;
        }

        try
        {
            _stopping.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
            foreach (var part in _alongside)
            {
                await part.DisposeAsync();
            }

            await _run;
            await _listener.DisposeAsync();
            _stopping.Dispose();
            stopped.SetResult();
        }
        catch (Exception e)
        {
            stopped.SetException(e);
            throw;
        }
    }
}
