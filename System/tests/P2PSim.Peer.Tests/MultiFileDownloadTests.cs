using P2PSim.DirectoryServer;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol;
using P2PSim.TestKit;
using P2PSim.Transport.Hosting;

namespace P2PSim.Peer.Tests;

/// <summary>
/// FIND_SOURCES then the multi-source download, as one call (what GET_MULTIFILE and <c>p2psim get</c> run): against
/// a real in-process directory and file servers over the in-memory transport, and against scripted directories for
/// the answers a real one does not give.
/// </summary>
public sealed class MultiFileDownloadTests : IAsyncDisposable
{
    private readonly List<TempFolder> _folders = [];
    private readonly List<RunningServer<FileServer>> _servers = [];
    private readonly TempFolder _downloads = new();

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

        _downloads.Dispose();
    }

    [Fact]
    public async Task Sources_named_by_the_directory_serve_the_file_and_the_caller_is_left_out()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var directory = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var client = new DirectoryClient(network.Transport, directory.EndPoint);
        var content = TestData.Bytes((3 * 1024 * 1024) + 17, seed: 21);
        foreach (var name in new[] { "ann", "bob", "me" })
        {
            await PublishAsync(network, client, name, "movie.bin", content);
        }

        var events = new List<string>();
        var progress = new RecordingProgress(events);
        var outcome = await new MultiFileDownload(client, network.Transport).DownloadAsync(
            "me", "movie.bin", _downloads["copy.bin"], progress,
            sources => events.Add("sources " + string.Join(',', sources.Select(s => s.Name).Order(StringComparer.Ordinal))),
            TestData.Timeout());

        Assert.Equal(MultiFileStatus.Downloaded, outcome.Status);
        Assert.Equal(0, outcome.DirectoryCode);
        Assert.Equal(["ann", "bob"], outcome.Sources.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        Assert.Equal(content.Length, outcome.Result!.Size);
        Assert.Equal("sources ann,bob", events[0]);
        Assert.True(events.Count > 1, "no block was reported");
        Assert.All(events.Skip(1), e => Assert.StartsWith("block ", e, StringComparison.Ordinal));
        Assert.Contains($"block {content.Length}/{content.Length}", events);
    }

    [Fact]
    public async Task A_file_nobody_else_publishes_has_no_sources_and_nothing_is_written()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var directory = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var client = new DirectoryClient(network.Transport, directory.EndPoint);
        await PublishAsync(network, client, "me", "mine.bin", TestData.Bytes(1000));
        var told = false;

        var outcome = await new MultiFileDownload(client, network.Transport).DownloadAsync(
            "me", "mine.bin", _downloads["copy.bin"], sourcesFound: _ => told = true, cancellationToken: TestData.Timeout());

        Assert.Equal(MultiFileStatus.NoSources, outcome.Status);
        Assert.Empty(outcome.Sources);
        Assert.Null(outcome.Result);
        Assert.False(told);
        Assert.Empty(_downloads.FileNames);
    }

    [Theory]
    [InlineData("3\0", MultiFileStatus.Refused, 3)]
    [InlineData("2\0", MultiFileStatus.Refused, 2)]
    public async Task A_directory_that_refuses_FIND_SOURCES_is_reported_with_its_code(string reply, MultiFileStatus status, int code)
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var directory = await FakeDirectory.StartAsync(network.Transport, request =>
        {
            Assert.Equal(Operation.FindSources, request.Operation);
            return System.Text.Encoding.ASCII.GetBytes(reply);
        });

        var outcome = await new MultiFileDownload(new DirectoryClient(network.Transport, directory.EndPoint), network.Transport)
            .DownloadAsync("me", "movie.bin", _downloads["copy.bin"], cancellationToken: TestData.Timeout());

        Assert.Equal(status, outcome.Status);
        Assert.Equal(code, outcome.DirectoryCode);
        Assert.Null(outcome.Result);
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task A_directory_that_is_down_throws_DirectoryUnavailableException()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var nowhere = await network.UnusedEndPointAsync();

        await Assert.ThrowsAsync<DirectoryUnavailableException>(() => new MultiFileDownload(
                new DirectoryClient(network.Transport, nowhere), network.Transport)
            .DownloadAsync("me", "movie.bin", _downloads["copy.bin"], cancellationToken: TestData.Timeout()));
    }

    private async Task PublishAsync(TestNetwork network, DirectoryClient client, string user, string fileName, byte[] content)
    {
        var share = new TempFolder();
        _folders.Add(share);
        share.Write(fileName, content);
        var server = await FileServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, new FileServerOptions(share.Path));
        _servers.Add(server);
        Assert.True((await client.RegisterAsync(user)).IsOk);
        Assert.True((await client.ConnectAsync(user, server.EndPoint.Port)).IsOk);
        Assert.True((await client.PublishAsync(user, fileName, "a file")).IsOk);
    }

    /// <summary>Records block reports in order, synchronously on the reporting worker.</summary>
    private sealed class RecordingProgress(List<string> events) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            lock (events)
            {
                events.Add($"block {value.VerifiedBytes}/{value.TotalBytes}");
            }
        }
    }
}
