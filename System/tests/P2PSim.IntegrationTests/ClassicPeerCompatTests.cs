using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using P2PSim.Fixtures;

namespace P2PSim.IntegrationTests;

/// <summary>
/// The real <c>p2psim peer</c> process against classic counterparts as they really are (Fixtures/classic/
/// classic_scripted.py: a classic directory that knows no FIND_SOURCES, and classic peers replying to GET_FILE in
/// each shape), and with <c>--stamp local</c> against the real server with no time service (docs/protocol.md §6).
/// </summary>
public sealed partial class ClassicPeerCompatTests : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("p2psim-compat-");
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(200_000);

    public Task InitializeAsync()
    {
        _content[0] = (byte)'x'; // not a digit: the raw shape is unambiguous
        File.WriteAllBytes(Path.Combine(_root.FullName, "content.bin"), _content);
        Directory.CreateDirectory(Path.Combine(_root.FullName, "share"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "downloads"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private string Downloads => Path.Combine(_root.FullName, "downloads");

    [Fact]
    public async Task GET_FILE_keeps_the_three_classic_shapes_and_refuses_the_broken_ones_leaving_no_file()
    {
        string[] shapes = ["raw", "sized", "sized-nul", "short", "long", "larger"];
        await using var classic = await StartClassicAsync("--shapes", string.Join(',', shapes));
        await using var peer = StartPeer(classic.Port, "--stamp", "local");

        await RunAsync(peer, ["REGISTER me", "CONNECT me", .. shapes.Select(s => $"GET_FILE {s} f.bin {s}.bin"), "QUIT"]);

        Assert.Equal(
            ["GET_FILE OK", "GET_FILE OK", "GET_FILE OK", "GET_FILE FAIL", "GET_FILE FAIL", "GET_FILE FAIL"],
            Replies(peer, "GET_FILE"));
        Assert.Equal(["raw.bin", "sized-nul.bin", "sized.bin"], Directory.GetFiles(Downloads).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var kept in new[] { "raw", "sized", "sized-nul" })
        {
            Assert.Equal(_content, await File.ReadAllBytesAsync(Path.Combine(Downloads, kept + ".bin")));
        }

        Assert.Contains($"announced {_content.Length + 1} bytes but only {_content.Length} arrived before it closed (a short reply)", peer.Node.StandardError, StringComparison.Ordinal);
        Assert.Contains($"announced {_content.Length} bytes but more followed (a long reply)", peer.Node.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("minus1")]
    [InlineData("reset")]
    public async Task GET_MULTIFILE_against_a_classic_directory_finds_publishers_with_LIST_CONTENT_and_tries_one_after_another(string unknown)
    {
        await using var classic = await StartClassicAsync("--unknown", unknown, "--shapes", "short,long,raw");
        await using var peer = StartPeer(classic.Port, "--stamp", "local");

        await RunAsync(peer, ["REGISTER me", "CONNECT me", "GET_MULTIFILE f.bin multi.bin", "GET_MULTIFILE f.bin again.bin", "QUIT"]);

        Assert.Equal(["GET_MULTIFILE OK", "GET_MULTIFILE OK"], Replies(peer, "GET_MULTIFILE"));
        Assert.Equal(_content, await File.ReadAllBytesAsync(Path.Combine(Downloads, "multi.bin")));
        Assert.Equal(_content, await File.ReadAllBytesAsync(Path.Combine(Downloads, "again.bin")));
        Assert.Equal(2, Directory.GetFiles(Downloads).Length);
        Assert.Single(FallbackLine().Matches(peer.Node.StandardError));
        Assert.Single(classic.Node.StandardOutput, l => l.StartsWith("s> OPERATION FIND_SOURCES", StringComparison.Ordinal));
        Assert.Equal(2, classic.Node.StandardOutput.Count(l => l.StartsWith("s> OPERATION LIST_USERS", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Stamp_local_sends_a_timestamp_in_every_classic_request()
    {
        await using var classic = await StartClassicAsync();
        await using var peer = StartPeer(classic.Port, "--stamp", "local");

        await RunAsync(peer, ["REGISTER me", "CONNECT me", "PUBLISH a.txt a file", "LIST_USERS", "LIST_CONTENT me", "DELETE a.txt", "QUIT"]);

        // Operations the classic server does not know (the peer's probe for P2PSim sessions) carry no user to print.
        var requests = classic.Node.StandardOutput
            .Where(l => l.StartsWith("s> OPERATION ", StringComparison.Ordinal) && !l.EndsWith(" unknown", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["REGISTER", "CONNECT", "PUBLISH", "LIST_USERS", "LIST_CONTENT", "DELETE", "DISCONNECT"],
            requests.Select(l => l.Split(' ')[2]));
        Assert.All(requests, l => Assert.Matches(StampedLine(), l));
    }

    [Fact]
    public async Task Stamp_local_with_no_time_service_runs_operations_at_once_against_the_real_server()
    {
        await using var server = await DirectoryServerProcess.StartAsync();
        await using var peer = StartPeer(server.Port, "--stamp", "local");
        var clock = Stopwatch.StartNew();

        await RunAsync(peer, ["REGISTER me", "CONNECT me", "PUBLISH a.txt a file", "LIST_USERS", "LIST_CONTENT me", "DELETE a.txt", "QUIT"]);

        var output = string.Join("\n", peer.Node.StandardOutput);
        foreach (var ok in new[] { "REGISTER OK", "CONNECT OK", "PUBLISH OK", "LIST_USERS OK", "LIST_CONTENT OK", "DELETE OK", "DISCONNECT OK" })
        {
            Assert.Contains(ok, output, StringComparison.Ordinal);
        }

        // Seven operations; a peer waiting for an absent time service would spend seconds on each.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}: {peer.Node.Describe()}");
        Assert.DoesNotContain("stamping locally", peer.Node.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task RunAsync(PeerProcess peer, string[] lines)
    {
        foreach (var line in lines)
        {
            await peer.Node.WriteLineAsync(line);
        }

        Assert.True(await peer.Node.WaitForExitAsync(TimeSpan.FromSeconds(90)) == 0, peer.Node.Describe());
    }

    /// <summary>The shell's answer lines for <paramref name="verb"/>, in order.</summary>
    private static List<string> Replies(PeerProcess peer, string verb) =>
        [.. string.Join("\n", peer.Node.StandardOutput).Split("c> ").Select(p => p.Split('\n')[0].Trim())
            .Where(l => l.StartsWith(verb + " ", StringComparison.Ordinal))];

    private PeerProcess StartPeer(int directoryPort, params string[] extra) => new(ChildProcess.Start(
        "dotnet",
        [RepositoryPaths.P2PSimDll, "peer", "--directory", $"127.0.0.1:{directoryPort.ToString(CultureInfo.InvariantCulture)}",
            "--share", Path.Combine(_root.FullName, "share"), .. extra],
        workingDirectory: Downloads));

    private async Task<ClassicProcess> StartClassicAsync(params string[] arguments)
    {
        var node = ChildProcess.Start(
            "python3", ["-u", Path.Combine(RepositoryPaths.ClassicClients, "classic_scripted.py"), "--content", Path.Combine(_root.FullName, "content.bin"), .. arguments]);
        var ready = await node.WaitForLineAsync(ReadyLine(), TimeSpan.FromSeconds(20));
        return new ClassicProcess(node, int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^ready (\d+)$")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"^s> OPERATION \S+ FROM me STAMP \d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex StampedLine();

    [GeneratedRegex("does not know FIND_SOURCES")]
    private static partial Regex FallbackLine();

    private sealed record ClassicProcess(ChildProcess Node, int Port) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Node.DisposeAsync();
    }

    private sealed record PeerProcess(ChildProcess Node) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Node.DisposeAsync();
    }
}
