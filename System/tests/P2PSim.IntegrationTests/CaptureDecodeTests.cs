using P2PSim.DirectoryServer;
using P2PSim.Fixtures;
using P2PSim.Peer;
using P2PSim.Protocol.Messages;
using P2PSim.Simulation.Network;
using P2PSim.Simulation.Runtime;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Capture;
using P2PSim.Transport.InMemory;

namespace P2PSim.IntegrationTests;

/// <summary>
/// Captures written by P2PSim itself (docs/wireshark.md), read by Debian's tshark with the dissector: one of the
/// in-memory transport, where both ends of every connection are captured and each byte still appears once; and one
/// of a simulated run, stamped by the simulated clock, which its seed replays to an identical file.
/// </summary>
public sealed class CaptureDecodeTests : IDisposable
{
    private static readonly TransportEndPoint Directory = new("directory", 5000);
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("p2psim-capture-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task An_in_memory_capture_decodes_every_request_once_with_its_reply()
    {
        var path = Path.Combine(_folder.FullName, "in-memory.pcapng");
        using (var traffic = TrafficCapture.ToFile(path))
        {
            var network = new InMemoryNetwork { Capture = traffic };
            await using var server = await DirectoryServerHost.StartAsync(network.CreateTransport(), TestNetwork.AnyPort);
            var client = new RawClassicClient(network.CreateTransport(), server.EndPoint);
            var trickle = new RawClassicClient(network.CreateTransport(), server.EndPoint, new RawExchangeOptions { PauseBetweenPieces = TimeSpan.FromMilliseconds(1) });
            Assert.Equal(0, (await client.SendAsync(new RegisterRequest(null, "alice"))).Code);
            Assert.Equal(0, (await client.SendAsync(new ConnectRequest("08/12/2026 10:00:00", "alice", 7000))).Code);
            await trickle.SendBytesAsync([.. "PUBLISH\0alice\0song.mp3\0a song\0"u8.ToArray().Select(b => new[] { b })]);
            await using (var session = await RawSession.OpenAsync(network.CreateTransport(), server.EndPoint))
            {
                Assert.Equal(0, (await session.SendAsync(1, new RegisterRequest(null, "bob"))).Code);
                Assert.Equal(1, (await session.SendAsync(2, new RegisterRequest(null, "alice"))).Code);
                Assert.Single((await session.SendAsync(3, new ListUsersRequest(null, "alice"))).Users!);
            }
        }

        var pdus = await Tshark.PdusAsync(path, "p2psim");
        Assert.Equal(
            ["REGISTER alice", "CONNECT alice", "PUBLISH alice", "SESSION ", "REGISTER bob", "REGISTER alice", "LIST_USERS alice"],
            pdus.Where(p => p["p2psim.message"] == "request").Select(p => $"{p["p2psim.op"]} {p["p2psim.user"]}"));
        Assert.Equal(
            ["REGISTER 0", "CONNECT 0", "PUBLISH 0", "SESSION 0", "REGISTER 0", "REGISTER 1", "LIST_USERS 0"],
            pdus.Where(p => p["p2psim.message"] == "reply").Select(p => $"{p["p2psim.op"]} {p["p2psim.result"]}"));
        Assert.Equal(0, await Tshark.CountAsync(path, "_ws.malformed || p2psim.malformed || tcp.analysis.retransmission || tcp.analysis.lost_segment"));
    }

    [Fact]
    public async Task A_simulated_run_captures_to_the_same_file_every_time_and_decodes()
    {
        var first = RunSimulated(seed: 3);
        var again = RunSimulated(seed: 3);
        Assert.Equal(first, again);
        Assert.NotEqual(first, RunSimulated(seed: 4)); // the seed, not a constant, decides the file

        var path = Path.Combine(_folder.FullName, "seed-3.pcapng");
        await File.WriteAllBytesAsync(path, first);
        var pdus = await Tshark.PdusAsync(path, "p2psim");
        Assert.Equal(
            ["SESSION", "REGISTER alice", "CONNECT alice", "REGISTER bob", "CONNECT bob", "PUBLISH alice", "FIND_SOURCES bob", "LIST_USERS bob"],
            pdus.Where(p => p["p2psim.message"] == "request").Select(p => $"{p["p2psim.op"]} {p["p2psim.user"]}".TrimEnd()));
        Assert.All(pdus.Where(p => p["p2psim.message"] == "reply"), p => Assert.Equal("0", p["p2psim.result"]));
        Assert.Equal(["alice", "bob"], pdus.Single(p => p["p2psim.message"] == "reply" && p["p2psim.op"] == "LIST_USERS").All("p2psim.entry.user"));
        Assert.Equal(0, await Tshark.CountAsync(path, "_ws.malformed || p2psim.malformed"));
    }

    /// <summary>A directory server and two clients (one on a session) on a simulated network, captured in memory.</summary>
    private static byte[] RunSimulated(int seed)
    {
        var clock = new SimClock();
        using var output = new MemoryStream();
        using (var traffic = new TrafficCapture(output, clock))
        {
            var network = new SimNetwork(seed, clock, new SimTrace(clock)) { Capture = traffic };
            var options = new DirectoryServerOptions { TimeProvider = clock, DrainTimeout = TimeSpan.Zero };
            SimPump.Run(
                clock,
                async () =>
                {
                    await using var server = await DirectoryServerHost.StartAsync(network.Host("directory"), Directory, options);
                    await using var alice = new DirectoryClient(network.Host("peer1"), Directory, timeProvider: clock) { UseSessions = true };
                    var bob = new DirectoryClient(network.Host("peer2"), Directory, timeProvider: clock);
                    await alice.RegisterAsync("alice");
                    await alice.ConnectAsync("alice", 7000);
                    await bob.RegisterAsync("bob");
                    await bob.ConnectAsync("bob", 7001);
                    await alice.PublishAsync("alice", "song.mp3", "a song");
                    await bob.FindSourcesAsync("bob", "song.mp3");
                    await bob.ListUsersAsync("bob");
                    return 0;
                },
                new SimPumpLimits { MaxSimulatedTime = TimeSpan.FromMinutes(5), MaxSteps = 1_000_000 });
        }

        return output.ToArray();
    }
}
