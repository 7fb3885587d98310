using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.InMemory;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>
/// A real directory server over the in-memory transport for the presence scenarios (docs/sessions.md §7): its
/// registry under the real lock with a <see cref="ChangeLog"/>, a recording operation sink, an error-counting
/// logger, a watched listener, and "observer" connected the classic way to list with. No timers: every timeout is
/// infinite, and the grace period, when not zero, is a delay on the system clock, which Coyote controls (it fires
/// it after some steps of its choosing).
/// </summary>
internal sealed class PresenceServer : IAsyncDisposable
{
    public const string Observer = "observer";
    public const int ObserverPort = 7001;
    public const string Host = "127.0.0.1";

    private readonly ServerCloseWatch _listener;
    private readonly RunningServer<DirectoryServer.DirectoryServer> _running;

    private PresenceServer(ITransport transport, ServerCloseWatch listener, RunningServer<DirectoryServer.DirectoryServer> running, ChangeLog changes, RecordingOperationSink sink, ErrorCount errors)
    {
        Transport = transport;
        _listener = listener;
        _running = running;
        Changes = changes;
        Sink = sink;
        Errors = errors;
        Classic = new RawClassicClient(transport, running.EndPoint, RawExchangeOptions.Untimed);
    }

    public ITransport Transport { get; }

    /// <summary>Where the server listens.</summary>
    public TransportEndPoint ServerEndPoint => _running.EndPoint;

    public DirectoryServer.DirectoryServer Server => _running.Server;

    public ChangeLog Changes { get; }

    public RecordingOperationSink Sink { get; }

    public ErrorCount Errors { get; }

    /// <summary>A classic client (each request on its own connection).</summary>
    public RawClassicClient Classic { get; }

    public static async Task<PresenceServer> StartAsync(TimeSpan grace)
    {
        // A fresh network and server per iteration: nothing may be shared across Coyote iterations.
        var transport = new InMemoryNetwork().CreateTransport(Host);
        var options = new DirectoryServerOptions
        {
            RequestTimeout = Timeout.InfiniteTimeSpan,
            DrainTimeout = Timeout.InfiniteTimeSpan,
            Sessions = new SessionOptions
            {
                IdleTimeout = Timeout.InfiniteTimeSpan,
                WriteTimeout = Timeout.InfiniteTimeSpan,
                PresenceGrace = grace,
            },
        };
        var rwLock = new MonitorReaderWriterLock();
        var changes = new ChangeLog(rwLock);
        var sink = new RecordingOperationSink();
        var errors = new ErrorCount();
        var server = new DirectoryServer.DirectoryServer(new DirectoryService(new DirectoryRegistry(rwLock, changes), sink), options, errors);
        var listener = new ServerCloseWatch(await transport.BindAsync(new TransportEndPoint(Host, 0)));
        var test = new PresenceServer(transport, listener, RunningServer<DirectoryServer.DirectoryServer>.Start(listener, server), changes, sink, errors);
        await test.ExpectAsync(new RegisterRequest(null, Observer), 0);
        await test.ExpectAsync(new ConnectRequest(null, Observer, ObserverPort), 0);
        return test;
    }

    /// <summary>Opens a session and CONNECTs <paramref name="user"/> (registered first) on it.</summary>
    public async Task<RawSession> ConnectedSessionAsync(string user, int port)
    {
        var session = await OpenSessionAsync();
        await ConnectAsync(session, 1, user, port);
        return session;
    }

    /// <summary>REGISTERs and CONNECTs <paramref name="user"/> on <paramref name="session"/>, as requests <paramref name="id"/> and the next.</summary>
    public async Task ConnectAsync(RawSession session, uint id, string user, int port)
    {
        var registered = (await session.SendAsync(id, new RegisterRequest(null, user))).Code;
        Expect.That(registered == 0, $"REGISTER {user} on a session answered {registered}");
        var connected = (await session.SendAsync(id + 1, new ConnectRequest(null, user, port))).Code;
        Expect.That(connected == 0, $"CONNECT {user} {port} on a session answered {connected}");
    }

    public Task<RawSession> OpenSessionAsync() => RawSession.OpenAsync(Transport, _running.EndPoint, RawExchangeOptions.Untimed);

    /// <summary>Completes once the server has closed its side of <paramref name="session"/> and handled its end.</summary>
    public Task ClosedByServerAsync(RawSession session) => _listener.ClosedAsync(session.Connection.LocalEndPoint);

    /// <summary>A classic request that must be answered <paramref name="code"/>.</summary>
    public async Task ExpectAsync(DirectoryRequest request, int code)
    {
        var answered = (await Classic.SendAsync(request)).Code;
        Expect.That(answered == code, $"classic {request.Operation.WireName()} {request.User} answered {answered}, expected {code}");
    }

    /// <summary>The DISCONNECT records of <paramref name="user"/> that disconnected it (code 0), explicit or by expiry.</summary>
    public int Disconnects(string user) =>
        Sink.Records.Count(r => r.Operation == Operation.Disconnect && r.User == user && r.ResultCode == 0);

    /// <summary>The user's entry in the registry now.</summary>
    public RegisteredUser? Snapshot(string user) => Server.Registry.Snapshot().SingleOrDefault(u => u.Name == user);

    /// <summary>Asserts that nothing was logged as an error (a crashed session, a failed grace period).</summary>
    public void ExpectNoErrors() =>
        Expect.That(Errors.Errors.Count == 0, $"the server logged errors: {string.Join(" | ", Errors.Errors)}");

    // Awaited rather than passed through: Coyote's rewrite of the pass-through form is an invalid program (1.7.11).
    public async ValueTask DisposeAsync() => await _running.DisposeAsync();
}
