using System.Text.RegularExpressions;
using P2PSim.Fixtures.Cluster;
using P2PSim.Peer;
using P2PSim.Peer.Downloads;
using Xunit.Abstractions;

namespace P2PSim.IntegrationTests.Cluster;

/// <summary>Partitions between cluster nodes: on the simulated network, and refused clearly elsewhere.</summary>
public sealed class ClusterPartitionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_partition_makes_a_peer_unreachable_and_heal_restores_it()
    {
        var cluster = new ClusterBuilder(ClusterTransport.Simulated)
            .WithOutput(output.WriteLine)
            .AddDirectory("dir")
            .AddPeer("alice", configure: o => o.Publish.Add(("song.txt", "a song")))
            .AddPeer("bob")
            .Build();
        await using (cluster)
        {
            var alice = cluster["alice"];
            var bob = cluster["bob"];
            var share = Directory.CreateDirectory(Path.Combine(alice.DataDirectory, "share")).FullName;
            await File.WriteAllTextAsync(Path.Combine(share, "song.txt"), "la la la");
            await cluster.StartAsync();
            var fromBob = new FileDownloader(cluster.TransportOf(bob));
            var target = Path.Combine(bob.DataDirectory, "song.txt");
            Assert.True((await fromBob.DownloadAsync(alice.EndPoint, "song.txt", target)).IsOk);

            cluster.Partition(alice, bob);
            File.Delete(target);
            using (var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fromBob.DownloadAsync(alice.EndPoint, "song.txt", target, shortWait.Token));
            }

            // Only that link is cut: bob still reaches the directory, which still lists alice.
            var users = await new DirectoryClient(cluster.TransportOf(bob), cluster["dir"].EndPoint).ListUsersAsync("bob");
            Assert.True(users.IsOk);
            Assert.Contains(users.Users!, u => u.Name == "alice");

            cluster.Heal();
            Assert.True((await fromBob.DownloadAsync(alice.EndPoint, "song.txt", target)).IsOk);
            Assert.Equal("la la la", await File.ReadAllTextAsync(target));
        }
    }

    [Fact]
    public async Task The_operation_log_waits_out_a_partition_between_directory_and_log_service()
    {
        await using var cluster = await new ClusterBuilder(ClusterTransport.Simulated)
            .WithOutput(output.WriteLine)
            .AddLogService("logd")
            .AddDirectory("dir", configure: o => o.LogService = "logd")
            .StartAsync();
        var logd = cluster["logd"];
        var client = new DirectoryClient(cluster.ClientTransport, cluster["dir"].EndPoint);
        Assert.True((await client.RegisterAsync("alice")).IsOk);
        await logd.WaitForOutputAsync(Logged("alice"), TimeSpan.FromSeconds(10));

        cluster.Partition(cluster["dir"], logd);
        Assert.True((await client.RegisterAsync("bob")).IsOk); // the directory answers its clients meanwhile
        await Task.Delay(300);
        Assert.DoesNotContain(logd.Output, line => Logged("bob").IsMatch(line));

        cluster.Heal();
        await logd.WaitForOutputAsync(Logged("bob"), TimeSpan.FromSeconds(30));
        Assert.Single(logd.Output, line => Logged("bob").IsMatch(line));
    }

    [Theory]
    [InlineData(ClusterTransport.Tcp)]
    [InlineData(ClusterTransport.InMemory)]
    public async Task Transports_that_cannot_partition_say_so(ClusterTransport transport)
    {
        await using var cluster = await new ClusterBuilder(transport).AddDirectory("a").AddDirectory("b").StartAsync();

        var refused = Assert.Throws<NotSupportedException>(() => cluster.Partition(cluster["a"], cluster["b"]));
        Assert.Contains(nameof(ClusterTransport.Simulated), refused.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(cluster.Heal);
    }

    private static Regex Logged(string user) => new($"^{user} REGISTER ");

    [Fact]
    public void Process_nodes_need_real_sockets()
    {
        var refused = Assert.Throws<NotSupportedException>(() => new ClusterBuilder(ClusterTransport.Simulated).AddLogService("logd", NodeBackend.Process));
        Assert.Contains("real sockets", refused.Message, StringComparison.Ordinal);
    }
}
