using P2PSim.DirectoryServer;
using P2PSim.Peer;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol;
using P2PSim.Shell.Tests.Infrastructure;
using P2PSim.TestKit;
using P2PSim.Transport.Hosting;

namespace P2PSim.Shell.Tests;

/// <summary>
/// The shell's P2PSim commands (GET_MULTIFILE, SEARCH) against a real in-process directory and file servers over
/// the in-memory transport, and against a classic directory that does not know the extension.
/// </summary>
public sealed class ClassicShellExtensionTests : IAsyncDisposable
{
    private readonly List<TempFolder> _folders = [];
    private readonly List<RunningServer<FileServer>> _servers = [];
    private readonly TempFolder _share = new();

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        foreach (var folder in _folders)
        {
            folder.Dispose();
        }

        _share.Dispose();
    }

    [Fact]
    public async Task GET_MULTIFILE_fetches_from_every_other_publisher_and_names_what_each_gave()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var directory = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var content = TestData.Bytes((2 * 1024 * 1024) + 3, seed: 31);
        var client = new DirectoryClient(network.Transport, directory.EndPoint);
        await PublishAsync(network, client, "ann", "movie.bin", content, "a film");
        await PublishAsync(network, client, "bob", "movie.bin", content, "a film");
        var reported = new List<string>();
        var options = Options(directory) with
        {
            DownloadProgress = name =>
            {
                reported.Add(name);
                return new Progress<DownloadProgress>();
            },
        };
        var input = new StringReader(
            "GET_MULTIFILE movie.bin early.bin\nREGISTER carol\nCONNECT carol\nGET_MULTIFILE movie.bin copy.bin\n" +
            "GET_MULTIFILE nothing.bin nothing.bin\nGET_MULTIFILE movie.bin\nQUIT\n");

        var lines = (await RunAsync(network, options, input)).Split('\n');

        Assert.Equal(
            ["c> GET_MULTIFILE FAIL", "c> REGISTER OK", "c> CONNECT OK", "c> GET_MULTIFILE OK"], lines[..4]);
        Assert.Equal(["ann", "bob"], lines[4..6].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).Order(StringComparer.Ordinal));
        Assert.All(lines[4..6], l => Assert.Matches(@"^  \w+ \d+ blocks", l));
        Assert.Equal(
            [
                "c> GET_MULTIFILE FAIL / FILE NOT EXIST",
                "c> Syntax error. Usage: GET_MULTIFILE <remote_fileName> <local_fileName>",
                "c> DISCONNECT OK", "+++ FINISHED +++", string.Empty,
            ],
            lines[6..]);
        Assert.Equal(content, await File.ReadAllBytesAsync(_share["copy.bin"]));
        Assert.Equal(["copy.bin"], _share.FileNames);
        Assert.Equal(["movie.bin", "nothing.bin"], reported);
    }

    [Fact]
    public async Task GET_MULTIFILE_against_a_classic_directory_prints_FAIL()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var directory = await FakeDirectory.StartAsync(network.Transport, request =>
            request.Operation == Operation.FindSources ? "-1\0"u8.ToArray() : "0\0"u8.ToArray());

        var output = await RunAsync(
            network, new ClassicShellOptions(directory.EndPoint, _share.Path), new StringReader("CONNECT me\nGET_MULTIFILE movie.bin copy.bin\n"));

        Assert.Equal("c> CONNECT OK\nc> GET_MULTIFILE FAIL\nc> DISCONNECT OK\n+++ FINISHED +++\n", output);
        Assert.Empty(_share.FileNames);
    }

    [Fact]
    public async Task SEARCH_lists_the_matching_files_of_connected_users()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var directory = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var client = new DirectoryClient(network.Transport, directory.EndPoint);
        await PublishAsync(network, client, "ann", "holiday.jpg", [1], "Beach, summer");
        await PublishAsync(network, client, "bob", "notes.txt", [2], "meeting notes from the HOLIDAY party");
        await PublishAsync(network, client, "cy", "song.mp3", [3], "a song");
        var input = new StringReader(
            "SEARCH holiday\nREGISTER dan\nCONNECT dan\nsearch   HOLIDAY  \nSEARCH nothing like this\nSEARCH\nQUIT\n");

        var output = await RunAsync(network, Options(directory), input);

        var expected = new Transcript()
            .Prompt("SEARCH FAIL") // no connected user to ask as
            .Prompt("REGISTER OK")
            .Prompt("CONNECT OK")
            .Prompt("SEARCH OK", "ann holiday.jpg \"Beach, summer\"", "bob notes.txt \"meeting notes from the HOLIDAY party\"")
            .Prompt("SEARCH OK")
            .Prompt("Syntax error. Usage: SEARCH <text>")
            .Prompt("DISCONNECT OK", "+++ FINISHED +++");
        Assert.Equal(expected.ToString(), SortHits(output));
    }

    [Theory]
    [InlineData("-1\0")] // a classic server: unknown operation
    [InlineData("3\0")] // a malformed request, e.g. text over 256 bytes
    public async Task SEARCH_refused_by_the_directory_prints_FAIL(string reply)
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var directory = await FakeDirectory.StartAsync(network.Transport, request =>
            request.Operation == Operation.Search ? System.Text.Encoding.ASCII.GetBytes(reply) : "0\0"u8.ToArray());

        var output = await RunAsync(network, new ClassicShellOptions(directory.EndPoint, _share.Path), new StringReader("CONNECT me\nSEARCH song\n"));

        Assert.Equal("c> CONNECT OK\nc> SEARCH FAIL\nc> DISCONNECT OK\n+++ FINISHED +++\n", output);
    }

    /// <summary>The directory lists hits in its own order: sort each block of hit lines so the transcript is stable.</summary>
    private static string SortHits(string output)
    {
        var lines = output.Split('\n').ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] == "c> SEARCH OK")
            {
                var end = i + 1;
                while (end < lines.Count && !lines[end].StartsWith("c> ", StringComparison.Ordinal) && lines[end].Length > 0)
                {
                    end++;
                }

                lines = [.. lines[..(i + 1)], .. lines[(i + 1)..end].Order(StringComparer.Ordinal), .. lines[end..]];
            }
        }

        return string.Join('\n', lines);
    }

    private ClassicShellOptions Options(RunningServer<P2PSim.DirectoryServer.DirectoryServer> directory) =>
        new(directory.EndPoint, _share.Path)
        {
            DirectoryTimeout = TimeSpan.FromSeconds(5),
            TransferIdleTimeout = TimeSpan.FromSeconds(5),
        };

    private static async Task<string> RunAsync(TestNetwork network, ClassicShellOptions options, TextReader input)
    {
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, await new ClassicShell(options, network.Transport, input, output).RunAsync(TestData.Timeout()));
        return output.ToString();
    }

    private async Task PublishAsync(TestNetwork network, DirectoryClient client, string user, string fileName, byte[] content, string description)
    {
        var share = new TempFolder();
        _folders.Add(share);
        share.Write(fileName, content);
        var server = await FileServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, new FileServerOptions(share.Path));
        _servers.Add(server);
        Assert.True((await client.RegisterAsync(user)).IsOk);
        Assert.True((await client.ConnectAsync(user, server.EndPoint.Port)).IsOk);
        Assert.True((await client.PublishAsync(user, fileName, description)).IsOk);
    }
}
