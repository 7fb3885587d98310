using P2PSim.Peer;
using P2PSim.TestKit;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>
/// The real <see cref="DirectoryClient"/>'s presence (docs/sessions.md §7) against the real server: its session is
/// cut while its own DISCONNECT is under way, so the resume it starts races the DISCONNECT (and the old session's
/// grace period). Invariant: a DISCONNECT that was answered is never undone, whatever the order: once everything the
/// client sent has been handled, the user is disconnected and the client keeps no presence. (A DISCONNECT that failed with the cut may leave the user
/// resumed: the caller was told.)
/// </summary>
internal static class ResumeBesideDisconnectScenario
{
    /// <param name="afterLoss">
    /// Whether the DISCONNECT waits until the client has seen its session lost and starts resuming (event 3106):
    /// then it races the resume's own steps, rather than mostly going first.
    /// </param>
    public static async Task RunAsync(bool afterLoss)
    {
        var test = await PresenceServer.StartAsync(TimeSpan.FromSeconds(30));
        var cuttable = new CuttableTransport(test.Transport);
        var lost = new LogEventSignal(3106); // the client's "session lost; resuming"
        var client = new DirectoryClient(cuttable, test.ServerEndPoint, timeout: Timeout.InfiniteTimeSpan, logger: lost) { UseSessions = true };
        Expect.That((await client.RegisterAsync("alice")).Code == 0, "REGISTER alice failed");
        Expect.That((await client.ConnectAsync("alice", 7000)).Code == 0, "CONNECT alice failed");

        var cut = Task.Run(cuttable.CutAll);
        var disconnect = Task.Run(async () =>
        {
            if (afterLoss)
            {
                await lost.Logged;
            }

            try
            {
                return (await client.DisconnectAsync("alice")).Code;
            }
            catch (DirectoryUnavailableException)
            {
                return -1; // the cut took the request with it
            }
        });
        await Task.WhenAll(new[] { cut, disconnect }); // an array: Coyote intercepts that overload only

        var code = disconnect.Result;
        var presentAs = client.PresentAs;
        await client.DisposeAsync();
        await test.DisposeAsync(); // the server stops once every session has ended: all the client sent is handled

        // 0, or 2 when the old session's grace period (a delay Coyote may fire at any point) disconnected alice first.
        if (code is 0 or 2)
        {
            Expect.That(presentAs is null, $"DISCONNECT answered {code} but the client still keeps {presentAs} present");
            Expect.That(test.Snapshot("alice") is { Connected: false }, $"DISCONNECT answered {code}, yet a resume connected alice again");
        }
        else
        {
            Expect.That(code == -1, $"DISCONNECT alice answered {code}");
        }

        test.ExpectNoErrors();
    }
}
