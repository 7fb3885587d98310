using P2PSim.LogService;
using P2PSim.Transport;

namespace P2PSim.Systematic.Tests.Logging;

/// <summary>
/// The real log server (sessions, RPC dispatcher) on the in-memory transport, stoppable and restartable on the same
/// endpoint over the same store: a log-service process that crashes and comes back. Timers off (infinite idle and
/// drain timeouts) and no UDP, so Coyote controls everything it does.
/// </summary>
internal sealed class LogServiceInstance
{
    private static readonly LogServerOptions Options = new()
    {
        IdleTimeout = Timeout.InfiniteTimeSpan,
        RequestTimeout = Timeout.InfiniteTimeSpan, // no timers: Coyote does not control them
        DrainTimeout = Timeout.InfiniteTimeSpan,
    };

    private readonly CrashableListener _listener;
    private readonly CancellationTokenSource _stop;
    private readonly Task _run;

    private LogServiceInstance(IConnectionListener listener, ILogStore store)
    {
        _listener = new CrashableListener(listener);
        _stop = new CancellationTokenSource();
        _run = new LogServer(new LogRpcDispatcher(store), Options).RunAsync(_listener, _stop.Token);
    }

    public static async Task<LogServiceInstance> StartAsync(ITransport transport, TransportEndPoint endPoint, ILogStore store) =>
        new(await transport.BindAsync(endPoint), store);

    /// <summary>
    /// Crashes: every connection is reset, so a reply written but not yet read by the sink is lost; what the store
    /// holds survives (it is durable in the real service).
    /// </summary>
    public async Task CrashAsync()
    {
        await _listener.CrashAsync();
        _stop.Cancel();
        await _run;
        _stop.Dispose();
    }
}
