using System.Globalization;
using System.Text;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests;

/// <summary>
/// GET_MULTIFILE against a classic directory server, which answers -1 to FIND_SOURCES or drops the connection: the
/// publishers come from LIST_USERS and LIST_CONTENT and the file from a whole-file GET_FILE, since classic peers
/// serve no manifest (docs/protocol.md §6.4).
/// </summary>
public sealed class ClassicDirectoryFallbackTests : IDisposable
{
    private const int FindSourcesFallback = 3316;
    private readonly TempFolder _downloads = new();
    private readonly TestNetwork _network = TestNetwork.Create(TransportKind.InMemory);
    private readonly List<Operation> _asked = [];

    public void Dispose() => _downloads.Dispose();

    [Theory]
    [InlineData(true)] // answers -1\0
    [InlineData(false)] // resets the connection
    public async Task Without_FIND_SOURCES_the_publishers_come_from_LIST_USERS_and_LIST_CONTENT(bool answersMinusOne)
    {
        var content = TestData.Bytes(10_000, seed: 3);
        await using var ann = await ClassicPeerAsync(content);
        await using var bob = await ClassicPeerAsync(TestData.Bytes(10, seed: 4));
        await using var directory = await ClassicDirectoryAsync(answersMinusOne, ("ann", ann.EndPoint, ["movie.bin"]), ("bob", bob.EndPoint, ["other.bin"]));
        var log = new CapturingLogger();
        var download = new MultiFileDownload(new DirectoryClient(_network.Transport, directory.EndPoint), _network.Transport, logger: log);

        var outcome = await download.DownloadAsync("me", "movie.bin", _downloads["copy.bin"], cancellationToken: TestData.Timeout());

        Assert.Equal(MultiFileStatus.Downloaded, outcome.Status);
        Assert.True(outcome.ViaListContent);
        Assert.Equal(["ann"], outcome.Sources.Select(s => s.Name));
        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        Assert.Equal(0, bob.Accepted);
        Assert.Equal([Operation.FindSources, Operation.ListUsers, Operation.ListContent, Operation.ListContent], Asked());
        Assert.Single(log.Events, FindSourcesFallback);
    }

    [Fact]
    public async Task The_fallback_is_logged_once_and_FIND_SOURCES_is_not_asked_again()
    {
        await using var ann = await ClassicPeerAsync("hello"u8.ToArray());
        await using var directory = await ClassicDirectoryAsync(true, ("ann", ann.EndPoint, ["a.txt", "b.txt"]));
        var log = new CapturingLogger();
        var download = new MultiFileDownload(new DirectoryClient(_network.Transport, directory.EndPoint), _network.Transport, logger: log);

        await download.DownloadAsync("me", "a.txt", _downloads["a.txt"], cancellationToken: TestData.Timeout());
        var second = await download.DownloadAsync("me", "b.txt", _downloads["b.txt"], cancellationToken: TestData.Timeout());

        Assert.Equal(MultiFileStatus.Downloaded, second.Status);
        Assert.Single(log.Events, FindSourcesFallback);
        Assert.Single(Asked(), Operation.FindSources);
        Assert.Equal(["a.txt", "b.txt"], _downloads.FileNames);
    }

    [Fact]
    public async Task A_file_no_connected_user_publishes_has_no_sources()
    {
        await using var ann = await ClassicPeerAsync("hello"u8.ToArray());
        await using var directory = await ClassicDirectoryAsync(true, ("ann", ann.EndPoint, ["a.txt"]));

        var outcome = await new MultiFileDownload(new DirectoryClient(_network.Transport, directory.EndPoint), _network.Transport)
            .DownloadAsync("me", "nothing.bin", _downloads["x"], cancellationToken: TestData.Timeout());

        Assert.Equal(MultiFileStatus.NoSources, outcome.Status);
        Assert.True(outcome.ViaListContent);
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task One_publisher_after_another_is_tried_until_one_serves_the_file()
    {
        var content = TestData.Bytes(5000, seed: 9);
        await using var broken = await ClassicPeerAsync("0\09999\0short"u8.ToArray(), raw: true); // a short size-prefixed reply: refused
        await using var good = await ClassicPeerAsync(content);
        await using var directory = await ClassicDirectoryAsync(true, ("ann", broken.EndPoint, ["f.bin"]), ("bob", good.EndPoint, ["f.bin"]));

        var outcome = await new MultiFileDownload(new DirectoryClient(_network.Transport, directory.EndPoint), _network.Transport)
            .DownloadAsync("me", "f.bin", _downloads["f.bin"], cancellationToken: TestData.Timeout());

        Assert.Equal(MultiFileStatus.Downloaded, outcome.Status);
        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["f.bin"]));
        Assert.Contains(outcome.Result!.Sources, s => s.Source.Name == "ann" && s.DroppedReason!.Contains("short reply", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_that_knows_neither_FIND_SOURCES_nor_LIST_USERS_is_not_supported()
    {
        await using var directory = await FakeDirectory.StartAsync(_network.Transport, _ => "-1\0"u8.ToArray());

        var outcome = await new MultiFileDownload(new DirectoryClient(_network.Transport, directory.EndPoint), _network.Transport)
            .DownloadAsync("me", "movie.bin", _downloads["copy.bin"], cancellationToken: TestData.Timeout());

        Assert.Equal(MultiFileStatus.NotSupported, outcome.Status);
        Assert.Equal(-1, outcome.DirectoryCode);
        Assert.Empty(_downloads.FileNames);
    }

    private Operation[] Asked()
    {
        lock (_asked)
        {
            return [.. _asked];
        }
    }

    /// <summary>A classic peer: GET_FILE gets 0 and the raw content; anything else (GET_MANIFEST) gets 2.</summary>
    /// <param name="content">The file, or with <paramref name="raw"/> the whole GET_FILE reply.</param>
    /// <param name="raw">True to send <paramref name="content"/> as the reply as it is.</param>
    private Task<ScriptedServer> ClassicPeerAsync(byte[] content, bool raw = false) =>
        ScriptedServer.StartAsync(_network.Transport, async (c, ct) =>
        {
            var request = await ScriptedServer.ReadFieldsAsync(c.Stream, 2, ct);
            byte[] getFile = raw ? content : [.. "0\0"u8, .. content];
            var reply = request.AsSpan().StartsWith("GET_FILE\0"u8) ? getFile : "2\0"u8.ToArray();
            await c.Stream.WriteAsync(reply, ct);
        });

    /// <summary>A classic directory: the classic operations, and -1 (or a reset) for FIND_SOURCES.</summary>
    private Task<ScriptedServer> ClassicDirectoryAsync(bool answersMinusOne, params (string Name, TransportEndPoint At, string[] Files)[] users) =>
        FakeDirectory.StartAsync(_network.Transport, request =>
        {
            lock (_asked)
            {
                _asked.Add(request.Operation);
            }

            return request switch
            {
                FindSourcesRequest => answersMinusOne ? "-1\0"u8.ToArray() : null,
                ListUsersRequest => Fields(["0", Count(users.Length), .. users.SelectMany(u => new[] { u.Name, u.At.Host, Count(u.At.Port) })]),
                ListContentRequest l when users.FirstOrDefault(u => u.Name == l.RemoteUser) is { Name: not null } u =>
                    Fields(["0", Count(u.Files.Length), .. u.Files.SelectMany(f => new[] { f, "a file" })]),
                ListContentRequest => "3\0"u8.ToArray(),
                _ => "-1\0"u8.ToArray(),
            };
        });

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static byte[] Fields(IEnumerable<string> fields) => Encoding.ASCII.GetBytes(string.Concat(fields.Select(f => f + "\0")));
}
