using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>
/// An orderly leave on a live session (docs/sessions.md §7), through the real server over the in-memory transport:
/// alice is connected over a session; one task sends a heartbeat (Ping) while another sends DISCONNECT on the same
/// session, reads until its reply and then cuts the connection (the client aborts), so the Pong, the reply and
/// the cut race in the server's read and write. Invariants: the DISCONNECT is answered 0 and its record is the only
/// DISCONNECT of alice in the sink; the session's end orphans nobody and leaves no grace period pending (a grace
/// would be a delay Coyote fires when it likes: the change log would show its orphaning even after it ran out);
/// alice is disconnected; nothing was logged as an error; and the server keeps serving: a classic LIST_USERS and a
/// new session's CONNECT of alice get their right codes.
/// </summary>
internal static class HeartbeatDisconnectScenario
{
    private const string User = "alice";
    private const uint PingId = 100;
    private const uint DisconnectId = 3;

    public static async Task RunAsync()
    {
        var test = await PresenceServer.StartAsync(TimeSpan.FromSeconds(30));
        var session = await test.ConnectedSessionAsync(User, 7000);
        var mark = test.Changes.Count;

        var ping = Task.Run(() => PingAsync(session));
        var leave = Task.Run(() => DisconnectThenAbortAsync(session));
        await Task.WhenAll(new[] { ping, leave }); // an array: Coyote intercepts that overload only

        await test.ClosedByServerAsync(session);
        Expect.That(test.Server.PresenceGracePending == 0, $"{test.Server.PresenceGracePending} grace period(s) pending after an orderly DISCONNECT");
        await test.Server.WhenPresenceSettledAsync();
        var changes = test.Changes.Since(mark, User);
        Expect.That(changes is [RegistryChange.Disconnected], $"alice's changes after her DISCONNECT: [{string.Join(", ", changes)}]");
        Expect.That(test.Disconnects(User) == 1, $"{test.Disconnects(User)} DISCONNECT records of alice reached the sink, expected the explicit one");
        Expect.That(test.Snapshot(User) is { Connected: false }, "alice is still connected after her DISCONNECT");
        test.ExpectNoErrors();

        // The server keeps serving, classic and session requests alike.
        var listed = await test.Classic.SendAsync(new ListUsersRequest(null, PresenceServer.Observer));
        Expect.That(
            listed.Code == 0 && listed.Users is [{ Name: PresenceServer.Observer }],
            $"LIST_USERS after alice left answered {listed.Code} with [{string.Join(", ", listed.Users?.Select(u => u.Name) ?? [])}]");
        var next = await test.OpenSessionAsync();
        var connected = (await next.SendAsync(1, new ConnectRequest(null, User, 7200))).Code;
        Expect.That(connected == 0, $"a new session's CONNECT of alice answered {connected}");

        // Every session ends before the server stops (see PresenceRaceScenario).
        await next.DisposeAsync();
        await session.DisposeAsync();
        await test.ClosedByServerAsync(next);
        await test.DisposeAsync();
    }

    /// <summary>A heartbeat; the cut may come first, and then the write fails as on a reset connection.</summary>
    private static async Task PingAsync(RawSession session)
    {
        try
        {
            await session.WriteAsync(RawSession.Frame(SessionFrameKind.Ping, PingId, []));
        }
        catch (IOException)
        {
            // The DISCONNECT's reply came and the connection was cut before the ping went out.
        }
    }

    /// <summary>DISCONNECT, then the frames until its reply (the Pong may come before it), then the abort.</summary>
    private static async Task DisconnectThenAbortAsync(RawSession session)
    {
        await session.WriteAsync(RawSession.Request(DisconnectId, new DisconnectRequest(null, User)));
        var frame = await session.ReadFrameAsync();
        if (frame is { Kind: SessionFrameKind.Pong } pong)
        {
            Expect.That(pong.Id == PingId, $"the Ping {PingId} was answered by Pong {pong.Id}");
            frame = await session.ReadFrameAsync();
        }

        Expect.That(frame is { Kind: SessionFrameKind.Reply } reply && reply.Id == DisconnectId, $"the DISCONNECT was answered by {RawSession.Describe(frame)}");
        var code = DirectoryReplyDecoder.Decode(Operation.Disconnect, frame!.Value.Body).Code;
        Expect.That(code == 0, $"the DISCONNECT on the session answered {code}");
        session.Connection.Abort();
    }
}
