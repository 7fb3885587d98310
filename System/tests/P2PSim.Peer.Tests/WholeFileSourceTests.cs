using System.Text;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol.Peer;
using P2PSim.TestKit;

namespace P2PSim.Peer.Tests;

/// <summary>
/// A classic GET_FILE-only peer in a multi-source download, next to one scripted extension source that supplies the
/// manifest and then either stays silent (the classic peer must deliver everything), refuses every range (the
/// classic peer's own fate decides the outcome) or serves only the first block.
/// </summary>
public sealed class WholeFileSourceTests : IAsyncDisposable
{
    private const string FileName = "f.bin";
    private const int Block = 256 * 1024;
    private static readonly byte[] Content = TestData.Bytes((2 * Block) + 5, seed: 51); // three blocks
    private readonly TestNetwork _network = TestNetwork.Create(TransportKind.InMemory);
    private readonly TempFolder _downloads = new();
    private readonly List<ScriptedServer> _servers = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _downloads.Dispose();
    }

    public static TheoryData<string, byte[]> Replies => new()
    {
        { "ascii code", [.. "0\0"u8, .. Content] },
        { "raw byte code and size prefix", [0, .. Encoding.ASCII.GetBytes($"{Content.Length}\0"), .. Content] },
        { "lone digit code", [.. "0"u8, .. Content] },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public async Task A_classic_peer_delivers_every_block_its_stream_carries(string variant, byte[] reply)
    {
        _ = variant;
        var classic = await ClassicAsync(async (stream, ct) => await stream.WriteAsync(reply, ct));
        var modern = await ModernAsync(_ => []); // silent on every range

        var result = await DownloadAsync(classic, modern);

        Assert.Equal(Content, await File.ReadAllBytesAsync(_downloads[FileName]));
        var (whole, other) = (result.Sources[0], result.Sources[1]);
        Assert.True(whole.WholeFileOnly);
        Assert.Equal(3, whole.Blocks);
        Assert.Equal(Content.Length, whole.Bytes);
        Assert.Null(whole.DroppedReason);
        Assert.Equal(0, other.Blocks);
        Assert.False(other.WholeFileOnly);
    }

    [Fact]
    public async Task A_classic_peer_skips_the_blocks_another_source_delivered_first()
    {
        var firstBlockDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var classic = await ClassicAsync(async (stream, ct) =>
        {
            await firstBlockDone.Task.WaitAsync(ct);
            await stream.WriteAsync((byte[])[.. "0\0"u8, .. Content], ct);
        });
        var modern = await ModernAsync(range => range.Offset == 0 ? ScriptedSource.RangeReply(Content, range) : "2\0"u8.ToArray());

        var result = await DownloadAsync(classic, modern, new Progress(firstBlockDone.TrySetResult));

        Assert.Equal(Content, await File.ReadAllBytesAsync(_downloads[FileName]));
        Assert.Equal(1, result.Sources[1].Blocks);
        Assert.Equal(2, result.Sources[0].Blocks);
        Assert.Equal(Content.Length - Block, result.Sources[0].Bytes);
        Assert.Equal(0, result.DuplicateBlocks);
    }

    [Fact]
    public async Task A_classic_peer_that_refuses_GET_FILE_is_dropped()
    {
        var classic = await ClassicAsync(async (stream, ct) => await stream.WriteAsync("1\0"u8.ToArray(), ct));

        var refusing = await RefusingAsync();

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => DownloadAsync(classic, refusing));

        Assert.Equal("it refused GET_FILE", failure.Sources[0].DroppedReason);
        Assert.True(failure.Sources[0].WholeFileOnly);
        Assert.Equal(0, failure.Sources[0].Faults);
    }

    [Fact]
    public async Task A_classic_peer_with_another_version_of_the_file_is_dropped_at_its_first_block()
    {
        var other = TestData.Bytes(Content.Length, seed: 52);
        var classic = await ClassicAsync(async (stream, ct) => await stream.WriteAsync((byte[])[.. "0\0"u8, .. other], ct));

        var refusing = await RefusingAsync();

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => DownloadAsync(classic, refusing));

        var report = failure.Sources[0];
        Assert.StartsWith("block 0 of its copy failed verification", report.DroppedReason, StringComparison.Ordinal);
        Assert.Equal(1, report.CorruptBlocks);
        Assert.Equal(1, report.Faults);
        Assert.Equal(0, report.Blocks);
        Assert.Single(failure.Sources, s => s.CorruptBlocks > 0);
    }

    [Fact]
    public async Task A_classic_peer_whose_stream_ends_early_keeps_what_it_delivered_and_is_dropped()
    {
        var classic = await ClassicAsync(async (stream, ct) =>
        {
            // Then the connection closes: a classic peer's way of saying the file ends, here too early.
            await stream.WriteAsync((byte[])[.. "0\0"u8, .. Content.AsSpan(0, Block + 10)], ct);
        });

        var refusing = await RefusingAsync();

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => DownloadAsync(classic, refusing));

        var report = failure.Sources[0];
        Assert.StartsWith("its stream broke (", report.DroppedReason, StringComparison.Ordinal);
        Assert.Equal(1, report.Blocks);
        Assert.Equal(Block, report.Bytes);
        Assert.Equal(0, report.Faults);
    }

    private Task<MultiSourceResult> DownloadAsync(ScriptedServer classic, ScriptedServer modern, IProgress<DownloadProgress>? progress = null) =>
        new MultiSourceDownloader(_network.Transport, new MultiSourceOptions { ReconnectDelay = TimeSpan.FromMilliseconds(1) }).DownloadAsync(
            FileName, [new DownloadSource("classic", classic.EndPoint), new DownloadSource("modern", modern.EndPoint)],
            _downloads[FileName], progress, TestData.Timeout());

    /// <summary>A classic peer: GET_MANIFEST is an unknown operation (2); GET_FILE is answered by <paramref name="serve"/>.</summary>
    private async Task<ScriptedServer> ClassicAsync(Func<Stream, CancellationToken, Task> serve)
    {
        var peer = await ScriptedServer.StartAsync(_network.Transport, async (connection, ct) =>
        {
            var request = await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct);
            if (!Encoding.ASCII.GetString(request).StartsWith("GET_FILE\0", StringComparison.Ordinal))
            {
                await connection.Stream.WriteAsync("2"u8.ToArray(), ct);
                return;
            }

            await serve(connection.Stream, ct);
        });
        _servers.Add(peer);
        return peer;
    }

    /// <summary>An extension source with the manifest of <see cref="Content"/>, answering each range as <paramref name="range"/> says.</summary>
    private async Task<ScriptedServer> ModernAsync(Func<RangeRequest, byte[]?> range)
    {
        var source = await ScriptedSource.StartAsync(_network.Transport, (_, request) =>
            request is RangeRequest r ? range(r) : ScriptedSource.ManifestReply(Content));
        _servers.Add(source);
        return source;
    }

    private Task<ScriptedServer> RefusingAsync() => ModernAsync(_ => "2\0"u8.ToArray());

    /// <summary>Calls <paramref name="onFirst"/> at the first verified block, synchronously on the reporting worker.</summary>
    private sealed class Progress(Func<bool> onFirst) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => onFirst();
    }
}
