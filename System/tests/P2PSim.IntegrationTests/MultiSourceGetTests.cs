using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using P2PSim.Fixtures;
using P2PSim.Fixtures.Cluster;
using P2PSim.Peer;
using P2PSim.Transport.Throttling;

namespace P2PSim.IntegrationTests;

/// <summary>
/// <c>p2psim get</c> as a script runs it: a real process against a directory server and three throttled peers on
/// loopback TCP. SIGKILLed mid-transfer, it resumes from the verified blocks on the next run.
/// </summary>
public sealed partial class MultiSourceGetTests : IAsyncLifetime
{
    private const int FileSize = 12 * 1024 * 1024;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("p2psim-get-");
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(FileSize);
    private Fixtures.Cluster.Cluster? _cluster;

    public async Task InitializeAsync()
    {
        var builder = new ClusterBuilder().AddDirectory("dir");
        for (var i = 0; i < 3; i++)
        {
            var share = Directory.CreateDirectory(Path.Combine(_root.FullName, $"peer{i}")).FullName;
            await File.WriteAllBytesAsync(Path.Combine(share, "movie.bin"), _content);
            builder.AddPeer($"peer{i}", configure: o =>
            {
                o.Share = share;
                o.Publish.Add(("movie.bin", "a film"));
                o.WrapServingTransport = transport => new ThrottledTransport(transport, 1024 * 1024);
            });
        }

        _cluster = await builder.StartAsync();
        var client = new DirectoryClient(_cluster.ClientTransport, _cluster["dir"].EndPoint);
        var users = await client.ListUsersAsync("peer0");
        Assert.True(users.IsOk);
        Assert.Equal(["peer0", "peer1", "peer2"], users.Users!.Select(u => u.Name).Order());
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task Killed_mid_transfer_it_resumes_from_the_verified_blocks()
    {
        var target = Path.Combine(_root.FullName, "copy.bin");
        var server = $"127.0.0.1:{_cluster!["dir"].Port.ToString(CultureInfo.InvariantCulture)}";

        await using (var first = ChildProcess.StartP2PSim("get", "movie.bin", "--directory", server, "--out", target))
        {
            await WaitForProgressAsync(first, atLeastPercent: 30);
            Assert.True(Signals.Send(first.Pid, Signals.SigKill));
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.False(File.Exists(target), "a killed download must not leave the target behind");
        Assert.True(File.Exists(target + ".p2psim-part"));

        await using var second = ChildProcess.StartP2PSim("get", "movie.bin", "--directory", server, "--out", target);
        Assert.True(await second.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, second.Describe());

        Assert.Equal(_content, await File.ReadAllBytesAsync(target));
        Assert.False(File.Exists(target + ".p2psim-part"));
        var resumed = ResumedLine().Match(string.Join("\n", second.StandardOutput));
        Assert.True(resumed.Success, second.Describe());
        Assert.True(int.Parse(resumed.Groups[1].Value, CultureInfo.InvariantCulture) >= 10, second.Describe()); // ≥ 30 % of 48 blocks
    }

    [Fact]
    public async Task SIGTERM_mid_transfer_stops_it_cleanly_with_exit_0_and_keeps_the_part_file()
    {
        var target = Path.Combine(_root.FullName, "term.bin");
        var server = $"127.0.0.1:{_cluster!["dir"].Port.ToString(CultureInfo.InvariantCulture)}";

        await using var get = ChildProcess.StartP2PSim("get", "movie.bin", "--directory", server, "--out", target);
        await WaitForProgressAsync(get, atLeastPercent: 10);
        Assert.True(Signals.Send(get.Pid, Signals.SigTerm));

        Assert.True(await get.WaitForExitAsync(TimeSpan.FromSeconds(15)) == 0, get.Describe());
        Assert.Contains("interrupted; run it again to resume", get.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(target), "a stopped download must not leave the target behind");
        Assert.True(File.Exists(target + ".p2psim-part"), "the verified blocks stay for the next run");
    }

    [Fact]
    public async Task A_file_nobody_publishes_fails_with_a_clear_message()
    {
        var server = $"127.0.0.1:{_cluster!["dir"].Port.ToString(CultureInfo.InvariantCulture)}";
        await using var get = ChildProcess.StartP2PSim("get", "nothing.bin", "--directory", server, "--out", Path.Combine(_root.FullName, "x"));

        Assert.Equal(1, await get.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("no connected user publishes nothing.bin", get.StandardError, StringComparison.Ordinal);
    }

    private static async Task WaitForProgressAsync(ChildProcess process, int atLeastPercent)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            foreach (Match match in ProgressLine().Matches(process.StandardError))
            {
                if (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= atLeastPercent)
                {
                    return;
                }
            }

            await Task.Delay(20);
        }

        Assert.Fail($"no progress past {atLeastPercent} %: {process.Describe()}");
    }

    [GeneratedRegex(@"movie\.bin: +(\d+)%")]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"(\d+) blocks resumed")]
    private static partial Regex ResumedLine();
}
