using System.Text.Json;
using System.Text.RegularExpressions;
using P2PSim.Fixtures.Cluster;
using P2PSim.Peer;
using P2PSim.Peer.Downloads;
using P2PSim.TestKit;
using P2PSim.TimeService;
using P2PSim.Transport;
using Xunit.Abstractions;

namespace P2PSim.IntegrationTests.Cluster;

/// <summary>The cluster fixture's stop, crash and restart, on both backends.</summary>
public sealed partial class ClusterRestartTests(ITestOutputHelper output)
{
    public static TheoryData<NodeBackend, ClusterTransport> Backends => new()
    {
        { NodeBackend.Process, ClusterTransport.Tcp },
        { NodeBackend.InProcess, ClusterTransport.Tcp },
        { NodeBackend.InProcess, ClusterTransport.InMemory },
        { NodeBackend.InProcess, ClusterTransport.Simulated },
    };

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_crashed_directory_restarted_answers_again_on_its_port(NodeBackend backend, ClusterTransport transport)
    {
        await using var cluster = await new ClusterBuilder(transport).WithOutput(output.WriteLine).AddDirectory("dir", backend).StartAsync();
        var dir = cluster["dir"];
        var endPoint = dir.EndPoint;
        Assert.Equal("0\0", await Client(cluster, endPoint).SendTextAsync("REGISTER\0alice\0"));

        await cluster.StopNodeAsync(dir, graceful: false);
        Assert.False(dir.IsRunning);
        await Assert.ThrowsAsync<ConnectionRefusedException>(() => Client(cluster, endPoint).SendTextAsync("REGISTER\0bob\0"));

        await cluster.StartNodeAsync(dir);
        Assert.Equal(endPoint, dir.EndPoint);
        Assert.Equal("0\0", await Client(cluster, endPoint).SendTextAsync("REGISTER\0alice\0")); // a crash loses the registry
        Assert.Equal("1\0", await Client(cluster, endPoint).SendTextAsync("REGISTER\0alice\0"));
        await dir.WaitForOutputAsync(AliceRegistered(), TimeSpan.FromSeconds(10));
        Assert.Equal(2, dir.Incarnations.Count);
    }

    [Theory]
    [InlineData(NodeBackend.Process, false)]
    [InlineData(NodeBackend.Process, true)]
    [InlineData(NodeBackend.InProcess, false)]
    public async Task A_restarted_log_service_keeps_its_store(NodeBackend backend, bool graceful)
    {
        await using var cluster = await new ClusterBuilder()
            .WithOutput(output.WriteLine)
            .AddLogService("logd", backend)
            .AddDirectory("dir", configure: o => o.LogService = "logd")
            .StartAsync();
        var logd = cluster["logd"];
        var port = logd.Port;
        var client = new DirectoryClient(cluster.ClientTransport, cluster["dir"].EndPoint);
        Assert.True((await client.RegisterAsync("alice")).IsOk);
        await logd.WaitForOutputAsync(LoggedRegister("alice"), TimeSpan.FromSeconds(10));
        var store = LogServiceNodeOptions.StorePath(logd);
        await Poll.UntilAsync(() => Users(store).Contains("alice"), "alice's entry on disk"); // printed before flushed

        await cluster.RestartNodeAsync(logd, graceful);
        Assert.Equal(port, logd.Port);
        Assert.True((await client.RegisterAsync("bob")).IsOk);
        await logd.WaitForOutputAsync(LoggedRegister("bob"), TimeSpan.FromSeconds(20));
        await cluster.StopNodeAsync(logd); // flushes and closes the store

        // The second incarnation appended to the first one's store: both entries are there, once each (a retry
        // of alice's entry after a crash, whose reply was lost, is recognised as a duplicate from the store).
        var users = Users(store);
        Assert.Equal(["alice", "bob"], users);
    }

    [Theory]
    [InlineData(NodeBackend.Process)]
    [InlineData(NodeBackend.InProcess)]
    public async Task A_crashed_peer_restarted_serves_its_share_again_and_the_directory_knows_where(NodeBackend backend)
    {
        var cluster = new ClusterBuilder()
            .WithOutput(output.WriteLine)
            .AddDirectory("dir")
            .AddPeer("alice", backend, o => o.Publish.Add(("song.txt", "a song")))
            .Build();
        await using (cluster)
        {
            var alice = cluster["alice"];
            var share = Directory.CreateDirectory(Path.Combine(alice.DataDirectory, "share")).FullName;
            await File.WriteAllTextAsync(Path.Combine(share, "song.txt"), "la la la");
            await cluster.StartAsync();
            var downloader = new FileDownloader(cluster.ClientTransport);
            var target = Path.Combine(cluster.DataRoot, "copy.txt");
            Assert.True((await downloader.DownloadAsync(alice.EndPoint, "song.txt", target)).IsOk);

            await cluster.RestartNodeAsync(alice, graceful: false);

            var users = await new DirectoryClient(cluster.ClientTransport, cluster["dir"].EndPoint).ListUsersAsync("alice");
            Assert.True(users.IsOk);
            Assert.Equal([("alice", alice.Port)], users.Users!.Select(u => (u.Name, u.Port)));
            File.Delete(target);
            Assert.True((await downloader.DownloadAsync(alice.EndPoint, "song.txt", target)).IsOk);
            Assert.Equal("la la la", await File.ReadAllTextAsync(target));
        }
    }

    [Theory]
    [InlineData(NodeBackend.Process)]
    [InlineData(NodeBackend.InProcess)]
    public async Task A_peer_stopped_gracefully_disconnects_while_waiting_for_input(NodeBackend backend)
    {
        await using var cluster = await new ClusterBuilder()
            .WithOutput(output.WriteLine)
            .AddDirectory("dir")
            .AddPeer("alice", backend)
            .AddPeer("bob")
            .StartAsync();
        var alice = cluster["alice"];
        var directory = new DirectoryClient(cluster.ClientTransport, cluster["dir"].EndPoint);
        Assert.Equal(["alice", "bob"], (await directory.ListUsersAsync("bob")).Users!.Select(u => u.Name).Order());
        var running = alice.Current!;

        await cluster.StopNodeAsync(alice, graceful: true); // SIGTERM for the process: the shell sits in its read

        if (running is ProcessNode process)
        {
            Assert.Equal(0, process.ExitCode);
        }

        Assert.Equal(["bob"], (await directory.ListUsersAsync("bob")).Users!.Select(u => u.Name));
    }

    [Theory]
    [InlineData(NodeBackend.Process)]
    [InlineData(NodeBackend.InProcess)]
    public async Task A_time_service_node_serves_the_time_again_after_a_restart(NodeBackend backend)
    {
        await using var cluster = await new ClusterBuilder().WithOutput(output.WriteLine).AddTimeService("timed", backend).StartAsync();
        var timed = cluster["timed"];
        Assert.Matches(Stamp(), await GetTimestampAsync(timed));

        await cluster.RestartNodeAsync(timed, graceful: false);
        Assert.Matches(Stamp(), await GetTimestampAsync(timed)); // at its new address
        Assert.Equal(2, timed.Incarnations.Count);
    }

    [Fact]
    public async Task A_node_that_never_gets_ready_fails_within_the_timeout_with_its_output()
    {
        var builder = new ClusterBuilder()
            .WithReadyTimeout(TimeSpan.FromSeconds(1))
            .AddNode("stuck", NodeKind.Directory, NodeBackend.InProcess, async start =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, start.CancellationToken);
                throw new InvalidOperationException("unreachable");
            });

        var started = DateTime.UtcNow;
        var failure = await Assert.ThrowsAsync<TimeoutException>(builder.StartAsync);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.Contains("stuck (Directory, InProcess) was not ready within 00:00:01", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> GetTimestampAsync(NodeHandle timed)
    {
        // The service's first call pays for its JIT; on a loaded CI machine that can pass the client's 2 s default.
        using var client = new TimeServiceClient(new Uri($"http://{timed.EndPoint}/"), TimeSpan.FromSeconds(20));
        return await client.GetTimestampAsync();
    }

    private static List<string?> Users(string store)
    {
        using var reader = new StreamReader(new FileStream(store, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var users = new List<string?>();
        while (reader.ReadLine() is { } line)
        {
            try
            {
                users.Add(JsonDocument.Parse(line).RootElement.GetProperty("user").GetString());
            }
            catch (JsonException)
            {
                // a line still being written
            }
        }

        return users;
    }

    private static RawClassicClient Client(Fixtures.Cluster.Cluster cluster, TransportEndPoint endPoint) => new(cluster.ClientTransport, endPoint);

    private static Regex LoggedRegister(string user) => new($"^{user} REGISTER ");

    [GeneratedRegex(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex Stamp();

    [GeneratedRegex("^s> OPERATION REGISTER FROM alice$")]
    private static partial Regex AliceRegistered();
}
