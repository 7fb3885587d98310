using System.Text.RegularExpressions;
using P2PSim.Fixtures;
using P2PSim.TestKit;

namespace P2PSim.IntegrationTests;

/// <summary>
/// The log service against classic ONC-RPC peers built by rpcgen from the repository's p2psim_log.x (gcc + libtirpc,
/// Fixtures/rpc): a C client logs to <c>p2psim logd</c> over TCP and UDP, and <c>p2psim server</c> logs to a C log
/// server; pointed at another system's log server (its own program and argument shape), it says so once and keeps
/// every entry until the right one answers.
/// </summary>
public sealed partial class RpcInteropTests
{
    private static readonly Lazy<string> Peers = new(BuildCPeers);

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task Rpcgen_client_logs_to_p2psim_logd_and_duplicates_are_ignored(string protocol)
    {
        var journal = Path.Combine(Path.GetTempPath(), $"p2psim-logd-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using var logd = await LogServiceProcess.StartAsync(0, journal, "--no-rpcbind");
            var port = logd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await using var capture = await PacketCapture.StartAsync($"port {port}");

            foreach (var attempt in new[] { 1, 2 })
            {
                var (exitCode, client) = await RunAsync(Path.Combine(Peers.Value, "log_client"), port, protocol, "c-client", "1");
                await using (client)
                {
                    Assert.True(exitCode == 0, $"attempt {attempt}\n{client.Describe()}\n{logd.Node.Describe()}");
                }
            }

            await logd.Node.WaitForLineAsync(LastEntry(), TimeSpan.FromSeconds(10));
            await Task.Delay(300); // a duplicate line, if any, would arrive now
            var lines = logd.Node.StandardOutput.Skip(1).ToArray();
            Assert.Equal(
                ["alice PUBLISH song.mp3 24/11/2026 21:30:00", "bob REGISTER 24/11/2026 21:30:01", "bob LIST_USERS 24/11/2026 21:30:02"],
                lines);
            Assert.Equal(3, File.ReadAllLines(journal).Length);

            // On the wire, P2PSim's dissector shows the rpcgen client's LOG_ENTRY and LOG_BATCH arguments field by field.
            await capture.StopAsync();
            var calls = await Tshark.PdusAsync(capture.Path, "p2psim.log.entry");
            var entries = calls.SelectMany(c => c.All("p2psim.log.user").Select((user, i) => $"{user} {c.All("p2psim.log.operation")[i]} {c.All("p2psim.log.file")[i]}".TrimEnd())).ToArray();
            Assert.Equal(["alice PUBLISH song.mp3", "bob REGISTER", "bob LIST_USERS"], entries.Distinct());
            Assert.Equal(6, entries.Length); // both attempts, the second one's entries ignored by logd as duplicates
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Fact]
    public async Task P2psim_server_logs_every_operation_to_an_rpcgen_log_server()
    {
        await using var logServer = ChildProcess.Start(Path.Combine(Peers.Value, "log_server"), ["0"]);
        var logPort = (await logServer.WaitForLineAsync(CReady(), TimeSpan.FromSeconds(10))).Groups["port"].Value;
        var journal = Path.Combine(Path.GetTempPath(), $"p2psim-server-{Guid.NewGuid():N}.journal");
        await using var server = await DirectoryServerProcess.StartAsync("--operation-log", $"127.0.0.1:{logPort}", "--operation-journal", journal);

        Assert.Equal("0\0", await RawClassicClient.Loopback(server.Port).SendTextAsync("REGISTER\024/11/2026 21:40:00\0alice\0"));
        Assert.Equal("1\0", await RawClassicClient.Loopback(server.Port).SendTextAsync("REGISTER\024/11/2026 21:40:01\0alice\0"));
        Assert.Equal("0\0", await RawClassicClient.Loopback(server.Port).SendTextAsync("CONNECT\024/11/2026 21:40:02\0alice\0" + "7000\0"));
        Assert.Equal("0\0", await RawClassicClient.Loopback(server.Port).SendTextAsync("PUBLISH\024/11/2026 21:40:03\0alice\0song.mp3\0a song\0"));

        await logServer.WaitForLineAsync(PublishLine(), TimeSpan.FromSeconds(15));
        Assert.Equal(
            ["alice REGISTER 24/11/2026 21:40:00", "alice REGISTER 24/11/2026 21:40:01", "alice CONNECT 24/11/2026 21:40:02", "alice PUBLISH song.mp3 24/11/2026 21:40:03"],
            logServer.StandardOutput.Skip(1).ToArray());
    }

    [Fact]
    public async Task P2psim_server_pointed_at_another_systems_log_server_says_so_once_and_delivers_everything_once_it_is_replaced()
    {
        // A classic system's own log server: another program number and argument shape (Fixtures/rpc/classic_log.x).
        var classic = ChildProcess.Start(Path.Combine(Peers.Value, "classic_log_server"), ["0"]);
        var logPort = (await classic.WaitForLineAsync(CReady(), TimeSpan.FromSeconds(10))).Groups["port"].Value;
        var journal = Path.Combine(Path.GetTempPath(), $"p2psim-server-{Guid.NewGuid():N}.journal");
        await using var server = await DirectoryServerProcess.StartAsync("--operation-log", $"127.0.0.1:{logPort}", "--operation-journal", journal);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal("0\0", await RawClassicClient.Loopback(server.Port).SendTextAsync($"REGISTER\024/11/2026 21:50:0{i}\0user{i}\0"));
            }

            await Poll.UntilAsync(() => Task.FromResult(server.Node.StandardError.Contains("is not P2PSim's log service")), TimeSpan.FromSeconds(15), "the mismatch reported");
            await Task.Delay(2000); // several retries, each answered PROG_UNAVAIL again
            var report = Assert.Single(server.Node.StandardError.Split('\n'), line => line.Contains("is not P2PSim's log service"));
            Assert.Contains($"127.0.0.1:{logPort}", report);
            Assert.Contains("PROG_UNAVAIL", report);
            Assert.Contains("p2psim logd", report);
            Assert.Contains(journal, report);
            Assert.Equal("1\0", await RawClassicClient.Loopback(server.Port).SendTextAsync("REGISTER\024/11/2026 21:50:09\0user0\0")); // still serving
            Assert.Empty(classic.StandardOutput.Skip(1)); // it printed nothing: no call reached its procedure

            // The operator replaces it with P2PSim's log program on the same port: every entry arrives, in order.
            await classic.KillAsync(TimeSpan.FromSeconds(10));
            await using var logServer = ChildProcess.Start(Path.Combine(Peers.Value, "log_server"), [logPort]);
            await logServer.WaitForLineAsync(CReady(), TimeSpan.FromSeconds(10));
            await logServer.WaitForLineAsync(LateEntry(), TimeSpan.FromSeconds(30));
            Assert.Equal(
                ["user0 REGISTER 24/11/2026 21:50:00", "user1 REGISTER 24/11/2026 21:50:01", "user2 REGISTER 24/11/2026 21:50:02", "user0 REGISTER 24/11/2026 21:50:09"],
                logServer.StandardOutput.Skip(1).ToArray());
        }
        finally
        {
            await classic.DisposeAsync();
        }
    }

    private static async Task<(int ExitCode, ChildProcess Process)> RunAsync(string program, params string[] arguments)
    {
        var node = ChildProcess.Start(program, arguments);
        return (await node.WaitForExitAsync(TimeSpan.FromSeconds(30)), node);
    }

    /// <summary>Builds the C peers once per test run with Fixtures/rpc/build.sh (rpcgen, gcc, libtirpc).</summary>
    private static string BuildCPeers()
    {
        var output = Path.Combine(Path.GetTempPath(), $"p2psim-rpc-peers-{Environment.ProcessId}");
        var build = ChildProcess.Start("bash", [Path.Combine(RepositoryPaths.Root, "Fixtures", "rpc", "build.sh"), output]);
        var exitCode = build.WaitForExitAsync(TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                "Building the rpcgen C peers failed; ci/setup.sh installs rpcsvc-proto and libtirpc-dev.\n" + build.Describe());
        }

        return output;
    }

    [GeneratedRegex(@"^READY (?<port>\d+)$")]
    private static partial Regex CReady();

    [GeneratedRegex("^bob LIST_USERS ")]
    private static partial Regex LastEntry();

    [GeneratedRegex("^user0 REGISTER 24/11/2026 21:50:09$")]
    private static partial Regex LateEntry();

    [GeneratedRegex("^alice PUBLISH song.mp3 ")]
    private static partial Regex PublishLine();
}
