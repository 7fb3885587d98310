using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Peer.Sessions;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.Systematic.Tests.RealCode.Sessions;

/// <summary>
/// The real session client and server over the in-memory transport: several callers share one
/// <see cref="DirectorySessionClient"/> (so their frames interleave on one connection, and replies must reach the
/// caller whose request they answer), beside a classic client racing one of them for a name. Invariants, per caller:
/// every call completes (a lost reply or a stuck window is a deadlock Coyote reports), each reply is the one to its
/// own request (a caller's list holds its own file; a reply to another caller's request breaks the id check and
/// fails the call), and exactly one of the two REGISTERs of the contested name wins. At the end nothing is in
/// flight and, once the client is disposed, the server's side of the session ends.
/// </summary>
internal static class SessionCallersScenario
{
    private const int Callers = 3;

    public static Task RunAsync() => RunAsync(batchCallers: 0);

    /// <summary>
    /// As <see cref="RunAsync()"/>, with the last <paramref name="batchCallers"/> callers sending their requests in
    /// full-window batches (<see cref="DirectorySessionClient.SendBatchAsync"/>): two such callers need the whole
    /// window each, so places taken by halves would leave both waiting for ever.
    /// </summary>
    public static async Task RunAsync(int batchCallers)
    {
        var transport = new InMemoryNetwork().CreateTransport("127.0.0.1");
        // No timers anywhere: each is a finite delay Coyote would fire at some step, which is not what is explored here.
        var options = new DirectoryServerOptions
        {
            RequestTimeout = Timeout.InfiniteTimeSpan,
            DrainTimeout = Timeout.InfiniteTimeSpan,
            Sessions = new SessionOptions { IdleTimeout = Timeout.InfiniteTimeSpan, WriteTimeout = Timeout.InfiniteTimeSpan, Window = 2 },
        };
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), options);
        var clientOptions = new SessionClientOptions { Timeout = Timeout.InfiniteTimeSpan, Heartbeats = false };
        var session = await DirectorySessionClient.TryOpenAsync(transport, server.EndPoint, clientOptions)
            ?? throw new InvalidOperationException("the server declined the session");

        var callers = new Task<int>[Callers];
        for (var i = 0; i < Callers; i++)
        {
            var user = $"u{i}";
            var batches = i >= Callers - batchCallers;
            callers[i] = Task.Run(() => batches ? BatchCallerAsync(session, user) : CallerAsync(session, user));
        }

        var classic = Task.Run(() => new RawClassicClient(transport, server.EndPoint, RawExchangeOptions.Untimed)
            .SendAsync(new RegisterRequest(null, "u0")));
        await Task.WhenAll(callers.Append<Task>(classic).ToArray()); // an array: Coyote intercepts that overload only

        var wins = (callers[0].Result == 0 ? 1 : 0) + (classic.Result.Code == 0 ? 1 : 0);
        Specification.Assert(wins == 1, $"the contested REGISTER of u0 won {wins} times (session {callers[0].Result}, classic {classic.Result.Code})");
        Specification.Assert(session.InFlight == 0, $"{session.InFlight} requests still in flight after every caller returned");

        await session.DisposeAsync();
        Specification.Assert(server.Registry.Snapshot().Count == Callers, "every caller's user should be registered exactly once");
    }

    /// <summary>One caller's requests on the shared session; returns the code of its REGISTER.</summary>
    private static async Task<int> CallerAsync(DirectorySessionClient session, string user)
    {
        var registered = (await session.SendAsync(new RegisterRequest(null, user))).Code;
        var contested = user == "u0";
        Specification.Assert(registered == 0 || (contested && registered == 1), $"REGISTER {user} answered {registered}");
        if (registered != 0)
        {
            return registered; // the classic client has the name: nothing of this caller's to check further
        }

        var connected = (await session.SendAsync(new ConnectRequest(null, user, 4000))).Code;
        Specification.Assert(connected == 0, $"CONNECT {user} answered {connected}");
        var published = (await session.SendAsync(new PublishRequest(null, user, $"{user}.txt", $"file of {user}"))).Code;
        Specification.Assert(published == 0, $"PUBLISH {user} answered {published}");

        var files = await session.SendAsync(new ListContentRequest(null, user, user));
        Specification.Assert(
            files.Files is [{ FileName: var name }] && name == $"{user}.txt",
            $"LIST_CONTENT {user} {user} answered {files.Code} with [{string.Join(", ", files.Files?.Select(f => f.FileName) ?? [])}]");
        return registered;
    }

    /// <summary>A caller sending its requests in batches of the window (2): REGISTER and CONNECT, then PUBLISH and LIST_CONTENT.</summary>
    private static async Task<int> BatchCallerAsync(DirectorySessionClient session, string user)
    {
        var first = await session.SendBatchAsync([new RegisterRequest(null, user), new ConnectRequest(null, user, 4000)]);
        Specification.Assert(
            first is [{ Code: 0 }, { Code: 0 }], $"REGISTER and CONNECT {user} answered {string.Join(", ", first.Select(r => r.Code))}");
        var second = await session.SendBatchAsync(
            [new PublishRequest(null, user, $"{user}.txt", $"file of {user}"), new ListContentRequest(null, user, user)]);
        Specification.Assert(
            second is [{ Code: 0 }, { Files: [{ FileName: var name }] }] && name == $"{user}.txt",
            $"PUBLISH and LIST_CONTENT {user} answered {string.Join(", ", second.Select(r => r.Code))}");
        return 0;
    }
}
