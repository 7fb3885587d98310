using Microsoft.Coyote.Random;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>
/// Presence (docs/sessions.md §7) through the real server, sessions and registry over the in-memory transport:
/// alice and bob are connected over session A, which is cut (the client aborts), so the server orphans them and
/// expires them, one after the other, when the grace period ends. Racing that, for each of them: a session opened
/// beforehand CONNECTs the user on a new port until it is answered 0 (a peer coming back retries while the server
/// has not noticed its old session's loss yet), and a classic client DISCONNECTs the user; "observer" lists the
/// users a few times. Two users make two expiries per run, each a window for the race. Invariants, per user:
/// <list type="bullet">
/// <item>the replies, the orphaning and expiry (as the registry's change log has them) and the end state are those
/// of some serial order of the four steps (<see cref="PresenceModel"/>);</item>
/// <item>a resume that was answered 0 is never undone by the old session's expiry, and nothing disconnects the
/// user twice without a CONNECT between;</item>
/// <item>exactly one DISCONNECT record reaches the operation sink per disconnection (the explicit one's, or the
/// expiry's), none when the resume or the DISCONNECT won over the expiry;</item>
/// <item>a reader never sees the user missing unless something disconnected it (no flap between the orphaning and
/// a resume), nor back on its old port once it saw it gone or resumed.</item>
/// </list>
/// At the end no grace period is pending and the server logged no error. The grace is zero (expired at once,
/// right after the orphaning) or a delay Coyote fires when it likes, chosen per run.
/// </summary>
internal static class PresenceRaceScenario
{
    private const int OldPort = 7000;
    private const int NewPort = 7100;
    private const int ResumeAttempts = 6;
    private const int Reads = 3;
    private static readonly string[] Users = ["alice", "bob"];

    /// <summary>A grace the run picks: zero, or a delay of the system clock (both controlled, and replayed, by Coyote).</summary>
    public static Task RunAsync() =>
        RunAsync(Generator.Create().NextBoolean() ? TimeSpan.Zero : TimeSpan.FromSeconds(30));

    public static async Task RunAsync(TimeSpan grace)
    {
        var test = await PresenceServer.StartAsync(grace);
        var lost = await test.OpenSessionAsync();
        var resumers = new RawSession[Users.Length];
        for (var k = 0; k < Users.Length; k++)
        {
            await test.ConnectAsync(lost, (uint)(2 * k) + 1, Users[k], OldPort + k);
            resumers[k] = await test.OpenSessionAsync(); // opened beforehand: the resume is one request away
        }

        var mark = test.Changes.Count;
        var cut = Task.Run(() => lost.Connection.Abort());
        var resumes = new Task<int>[Users.Length];
        var disconnects = new Task<DirectoryReply>[Users.Length];
        for (var k = 0; k < Users.Length; k++)
        {
            var (user, resumer, port) = (Users[k], resumers[k], NewPort + k);
            resumes[k] = Task.Run(() => ResumeAsync(resumer, user, port));
            disconnects[k] = Task.Run(() => test.Classic.SendAsync(new DisconnectRequest(null, user)));
        }

        var reader = Task.Run(() => ReadAsync(test));
        await Task.WhenAll(new Task[] { cut, reader }.Concat(resumes).Concat(disconnects).ToArray()); // an array: Coyote intercepts that overload only

        await test.ClosedByServerAsync(lost);
        await test.Server.WhenPresenceSettledAsync();
        Expect.That(test.Server.PresenceGracePending == 0, $"{test.Server.PresenceGracePending} grace period(s) still pending once settled");
        for (var k = 0; k < Users.Length; k++)
        {
            Check(test, mark, k, resumes[k].Result, disconnects[k].Result.Code, [.. reader.Result.Select(ports => ports[k])]);
        }

        test.ExpectNoErrors();

        // The sessions end before the server stops: this scenario is about lost sessions, and a server stopped with
        // sessions open (which orphans their users) is real-presence-server-stop's.
        await lost.DisposeAsync();
        foreach (var resumer in resumers)
        {
            await resumer.DisposeAsync();
            await test.ClosedByServerAsync(resumer);
        }

        await test.DisposeAsync();
    }

    /// <summary>User <paramref name="k"/>'s invariants, from its replies, its changes, its end state and its ports as read.</summary>
    private static void Check(PresenceServer test, int mark, int k, int resumeCode, int disconnectCode, int[] reads)
    {
        var name = Users[k];
        var changes = test.Changes.Since(mark, name);
        var user = test.Snapshot(name);
        Expect.That(user is not null, $"{name} is no longer registered");
        var observed = new PresenceModel.Outcome(
            resumeCode, disconnectCode, changes.Contains(RegistryChange.Orphaned), changes.Contains(RegistryChange.Expired),
            user!.Connected, user.Port);
        var history = $"{name}: {observed}; changes [{string.Join(", ", changes)}]";

        ExpectOneClearPerConnection(changes, history);
        Expect.That(
            PresenceModel.Outcomes(OldPort + k, NewPort + k).Any(o => o.Outcome == observed),
            $"no serial order of the orphaning, expiry, resume and DISCONNECT gives {history}");
        Expect.That(
            changes.Count(c => c is RegistryChange.Disconnected or RegistryChange.Expired) == test.Disconnects(name),
            $"{test.Disconnects(name)} DISCONNECT record(s) of {name} reached the sink for {history}");
        Expect.That(!user.Connected || user.Ip == PresenceServer.Host, $"{name} is connected at '{user.Ip}'");
        ExpectNoFlap(reads, OldPort + k, changes, history);
    }

    /// <summary>CONNECTs the user on its new port until answered 0, at most <see cref="ResumeAttempts"/> times; the last code.</summary>
    private static async Task<int> ResumeAsync(RawSession resumer, string user, int port)
    {
        var code = -1;
        for (uint attempt = 1; attempt <= ResumeAttempts; attempt++)
        {
            code = (await resumer.SendAsync(attempt, new ConnectRequest(null, user, port))).Code;
            Expect.That(code is 0 or 2, $"the new session's CONNECT of {user} answered {code}");
            if (code == 0)
            {
                break;
            }
        }

        return code;
    }

    /// <summary>Each of <see cref="Reads"/> LIST_USERS answers: every user's port, 0 where it was not listed.</summary>
    private static async Task<int[][]> ReadAsync(PresenceServer test)
    {
        var reads = new int[Reads][];
        for (var i = 0; i < Reads; i++)
        {
            var reply = await test.Classic.SendAsync(new ListUsersRequest(null, PresenceServer.Observer));
            Expect.That(reply.Code == 0 && reply.Users is not null, $"LIST_USERS answered {reply.Code}");
            foreach (var user in reply.Users!)
            {
                Expect.That(user.Ip == PresenceServer.Host && user.Port != 0, $"LIST_USERS listed {user.Name} half connected: '{user.Ip}':{user.Port}");
            }

            reads[i] = [.. Users.Select((name, k) => reply.Users!.SingleOrDefault(u => u.Name == name)?.Port ?? 0)];
            for (var k = 0; k < Users.Length; k++)
            {
                Expect.That(reads[i][k] == 0 || reads[i][k] == OldPort + k || reads[i][k] == NewPort + k, $"LIST_USERS listed {Users[k]} on port {reads[i][k]}");
            }
        }

        return reads;
    }

    /// <summary>
    /// Walks the user's changes from the start of the race: each disconnection (explicit or by expiry) ends one
    /// connection, the lost session orphans and expires only the connection it made, and no expiry follows a resume.
    /// </summary>
    private static void ExpectOneClearPerConnection(IReadOnlyList<RegistryChange> changes, string history)
    {
        var (connected, onLostSession, orphaned, resumed) = (true, true, false, false);
        foreach (var change in changes)
        {
            switch (change)
            {
                case RegistryChange.Connected:
                    Expect.That(!connected, $"the user was connected while connected: {history}");
                    (connected, onLostSession, orphaned) = (true, false, false);
                    break;
                case RegistryChange.Resumed:
                    Expect.That(connected && orphaned, $"the user was resumed while not orphaned: {history}");
                    (onLostSession, orphaned, resumed) = (false, false, true);
                    break;
                case RegistryChange.Orphaned:
                    Expect.That(connected && onLostSession, $"the user was orphaned while not connected on the lost session: {history}");
                    orphaned = true;
                    break;
                case RegistryChange.Expired:
                    Expect.That(!resumed, $"the lost session's expiry undid a resume that was answered 0: {history}");
                    Expect.That(connected && onLostSession && orphaned, $"the user expired while not orphaned by the lost session: {history}");
                    (connected, onLostSession, orphaned) = (false, false, false);
                    break;
                case RegistryChange.Disconnected:
                    Expect.That(connected, $"the user was disconnected twice: {history}");
                    (connected, onLostSession, orphaned) = (false, false, false);
                    break;
            }
        }
    }

    /// <summary>
    /// The reads, in their order: the user listed on its old port until it is resumed on the new one or disconnected,
    /// and missing only if something disconnected it.
    /// </summary>
    private static void ExpectNoFlap(int[] ports, int oldPort, IReadOnlyList<RegistryChange> changes, string history)
    {
        var reads = $"reads [{string.Join(", ", ports)}]";
        var cleared = changes.Any(c => c is RegistryChange.Disconnected or RegistryChange.Expired);
        Expect.That(cleared || !ports.Contains(0), $"a reader saw the user missing though nothing disconnected it (a flap): {reads}; {history}");
        var moved = Array.FindIndex(ports, p => p != oldPort);
        Expect.That(moved < 0 || !ports[moved..].Contains(oldPort), $"a reader saw the user back on its old port: {reads}; {history}");
    }
}
