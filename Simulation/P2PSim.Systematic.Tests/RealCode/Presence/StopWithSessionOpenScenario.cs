using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>
/// A server stopped while a session is open and its client idle (docs/sessions.md §5, §7): the stop completes, the
/// client gets CLOSE 0, and the session's user stays connected and orphaned with no grace period running (a
/// registry that outlives the server keeps it for the next one), reported as no DISCONNECT.
/// </summary>
internal static class StopWithSessionOpenScenario
{
    public static async Task RunAsync()
    {
        var test = await PresenceServer.StartAsync(TimeSpan.Zero);
        await using var session = await test.ConnectedSessionAsync("alice", 7000);
        var closing = Task.Run(session.ReadFrameAsync);

        await test.DisposeAsync();

        var frame = await closing;
        Expect.That(frame is { Kind: SessionFrameKind.Close }, $"the client got {RawSession.Describe(frame)}, not CLOSE, when the server stopped");
        Expect.That(test.Server.PresenceGracePending == 0, "a stopping server started a grace period");
        Expect.That(test.Snapshot("alice") is { Connected: true }, "a stopping server disconnected alice");
        Expect.That(test.Changes.Since(0, "alice").Contains(RegistryChange.Orphaned), "a stopping server did not orphan alice");
        Expect.That(test.Disconnects("alice") == 0, "a stopping server reported a DISCONNECT of alice");
        test.ExpectNoErrors();
    }
}
