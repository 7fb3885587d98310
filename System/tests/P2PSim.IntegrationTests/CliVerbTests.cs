using System.Globalization;
using P2PSim.DirectoryServer;
using P2PSim.Fixtures;
using P2PSim.Peer;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;

namespace P2PSim.IntegrationTests;

/// <summary>
/// <c>p2psim search</c>, <c>p2psim peer --directory</c> and where <c>p2psim logd</c> keeps its store, on the real
/// executable against a directory server on loopback TCP.
/// </summary>
public sealed class CliVerbTests : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("p2psim-verbs-");
    private RunningServer<P2PSim.DirectoryServer.DirectoryServer>? _server;

    private string DirectoryAddress => $"127.0.0.1:{_server!.EndPoint.Port.ToString(CultureInfo.InvariantCulture)}";

    public async Task InitializeAsync()
    {
        _server = await DirectoryServerHost.StartAsync(TcpTransport.Instance, new TransportEndPoint("127.0.0.1", 0));
        var client = new DirectoryClient(TcpTransport.Instance, _server.EndPoint);
        foreach (var (user, file, description) in new[]
                 {
                     ("ann", "holiday.jpg", "Beach, summer"), ("bob", "notes.txt", "notes from the HOLIDAY party"),
                     ("cy", "song.mp3", "a song"),
                 })
        {
            Assert.True((await client.RegisterAsync(user)).IsOk);
            Assert.True((await client.ConnectAsync(user, 7000)).IsOk); // SEARCH reads the registry only; nobody serves here
            Assert.True((await client.PublishAsync(user, file, description)).IsOk);
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _root.Delete(recursive: true);
    }

    [Fact]
    public async Task Search_prints_one_line_per_matching_file_as_the_shell_does()
    {
        await using var search = ChildProcess.StartP2PSim("search", "Holiday", "--directory", DirectoryAddress);

        Assert.True(await search.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, search.Describe());
        Assert.Equal(
            ["ann holiday.jpg \"Beach, summer\"", "bob notes.txt \"notes from the HOLIDAY party\""],
            search.StandardOutput.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_joins_its_words_and_honours_max()
    {
        await using var joined = ChildProcess.StartP2PSim("search", "from", "the", "-d", DirectoryAddress);
        await using var capped = ChildProcess.StartP2PSim("search", "o", "-d", DirectoryAddress, "--max", "1");

        Assert.True(await joined.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, joined.Describe());
        Assert.Equal(["bob notes.txt \"notes from the HOLIDAY party\""], joined.StandardOutput);
        Assert.True(await capped.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, capped.Describe());
        Assert.Single(capped.StandardOutput);
    }

    [Fact]
    public async Task Search_without_a_match_exits_1_with_one_line()
    {
        await using var search = ChildProcess.StartP2PSim("search", "nothing like this", "--directory", DirectoryAddress);

        Assert.Equal(1, await search.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(search.StandardOutput);
        Assert.Equal("p2psim search: no file of a connected user matches 'nothing like this'", search.StandardError.Trim());
    }

    [Fact]
    public async Task Search_against_a_directory_that_is_down_exits_1_with_one_line()
    {
        var port = _server!.EndPoint.Port;
        await _server.DisposeAsync();
        _server = null;
        await using var search = ChildProcess.StartP2PSim("search", "x", "--directory", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

        Assert.Equal(1, await search.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var line = Assert.Single(search.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("p2psim search: SEARCH failed: the directory server at 127.0.0.1:", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--directory")]
    [InlineData("-s")]
    public async Task Peer_finds_the_directory_under_either_spelling(string spelling)
    {
        var port = _server!.EndPoint.Port.ToString(CultureInfo.InvariantCulture);
        string[] where = spelling == "-s" ? ["-s", "127.0.0.1", "-p", port] : ["--directory", DirectoryAddress];
        await using var peer = ChildProcess.StartP2PSim(["peer", .. where, "--share", _root.FullName]);
        foreach (var line in new[] { "REGISTER dan", "CONNECT dan", "SEARCH song", "QUIT" })
        {
            await peer.WriteLineAsync(line);
        }

        Assert.True(await peer.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, peer.Describe());
        Assert.Equal(
            "c> REGISTER OK\nc> CONNECT OK\nc> SEARCH OK\ncy song.mp3 \"a song\"\nc> DISCONNECT OK\n+++ FINISHED +++",
            string.Join("\n", peer.StandardOutput));
    }

    [Fact]
    public async Task Logd_keeps_its_store_in_the_users_data_directory_not_the_current_one()
    {
        var dataHome = Directory.CreateDirectory(Path.Combine(_root.FullName, "data")).FullName;
        await using var logd = ChildProcess.StartP2PSim(
            new Dictionary<string, string?> { ["XDG_DATA_HOME"] = dataHome }, "logd", "-p", "0", "--no-rpcbind");
        await logd.WaitForLineAsync(new System.Text.RegularExpressions.Regex("^l> init log service "), TimeSpan.FromSeconds(30));

        Assert.True(File.Exists(Path.Combine(dataHome, "p2psim", "log-store.jsonl")), logd.Describe());
        Assert.Equal(0, await logd.StopAsync(TimeSpan.FromSeconds(15)));
    }
}
