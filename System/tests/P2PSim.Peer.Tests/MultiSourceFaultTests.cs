using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol.Peer;
using P2PSim.TestKit;

namespace P2PSim.Peer.Tests;

/// <summary>
/// How the multi-source downloader judges its sources, one fault at a time: scripted sources that refuse, corrupt,
/// go silent, come back changed or not at all, classic peers that refuse GET_FILE, and sources that disagree on the
/// version. Each is alone or first, so what happens to it does not depend on how fast another source is.
/// </summary>
public sealed class MultiSourceFaultTests : IAsyncDisposable
{
    private const string FileName = "f.bin";
    private static readonly byte[] Content = TestData.Bytes((2 * 256 * 1024) + 5, seed: 31); // three blocks
    private readonly TestNetwork _network = TestNetwork.Create(TransportKind.InMemory);
    private readonly TempFolder _downloads = new();
    private readonly List<TempFolder> _shares = [];
    private readonly List<IAsyncDisposable> _servers = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        foreach (var share in _shares)
        {
            share.Dispose();
        }

        _downloads.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_source_that_refuses_every_range_is_dropped_after_its_faults(bool keepPartial)
    {
        var source = await SourceAsync((_, request) => request is ManifestRequest ? ScriptedSource.ManifestReply(Content) : "2\0"u8.ToArray());
        var options = keepPartial ? Options() : Options() with { KeepPartialOnFailure = false }; // kept by default

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => DownloadAsync(options, source));

        var report = Assert.Single(failure.Sources);
        Assert.Equal(3, report.Faults);
        Assert.Equal(0, report.CorruptBlocks);
        Assert.Equal(0, report.Reconnects);
        Assert.Equal(0, report.Blocks);
        Assert.StartsWith("3 faults, the last: ", report.DroppedReason, StringComparison.Ordinal);
        Assert.Equal(3, source.Accepted); // the probe, then a new connection after each of the first two faults
        Assert.Equal(FileName, failure.FileName);
        Assert.Contains("every source was dropped (scripted: 3 faults, the last: ", failure.Message, StringComparison.Ordinal);
        Assert.Equal(keepPartial ? [FileName + ".p2psim-part"] : [], _downloads.FileNames);
    }

    [Fact]
    public async Task A_source_that_goes_silent_is_faulted_each_block_timeout_on_the_injected_clock()
    {
        var source = await SourceAsync((_, request) => request is ManifestRequest ? ScriptedSource.ManifestReply(Content) : []);
        var clock = new FakeTimeProvider();
        var options = Options() with { TimeProvider = clock, ConnectTimeout = TimeSpan.FromHours(1) };

        var download = DownloadAsync(options, source);
        while (!download.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(11));
            await Task.WhenAny(download, Task.Delay(10));
        }

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => download);
        var report = Assert.Single(failure.Sources);
        Assert.Equal(3, report.Faults);
        Assert.Contains("did not arrive within 10 s", report.DroppedReason, StringComparison.Ordinal);
        Assert.Contains("every source was dropped", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_refused_because_the_file_changed_drops_the_source_at_once()
    {
        var source = await SourceAsync((_, request) => request is ManifestRequest ? ScriptedSource.ManifestReply(Content) : "3\0"u8.ToArray());

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => DownloadAsync(Options(), source));

        var report = Assert.Single(failure.Sources);
        Assert.Equal("the file changed on this source", report.DroppedReason);
        Assert.Equal(0, report.Faults);
        Assert.Equal(1, source.Accepted);
    }

    [Theory]
    [InlineData("another version", "the file changed on this source")]
    [InlineData("no manifest", "it no longer serves the manifest")]
    [InlineData("no such file", "the source has no file named f.bin")]
    public async Task A_source_back_after_a_broken_connection_without_this_version_is_dropped(string comeback, string reason)
    {
        var source = await SourceAsync((connection, request) => (connection, request) switch
        {
            (0, ManifestRequest) => ScriptedSource.ManifestReply(Content),
            (0, _) => null, // the connection breaks on the first range
            (_, ManifestRequest) when comeback == "another version" => ScriptedSource.ManifestReply(TestData.Bytes(1000, seed: 32)),
            (_, ManifestRequest) when comeback == "no manifest" => "2\0"u8.ToArray(),
            _ => "1\0"u8.ToArray(),
        });

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => DownloadAsync(Options(), source));

        var report = Assert.Single(failure.Sources);
        Assert.Equal(reason, report.DroppedReason);
        Assert.Equal(1, report.Reconnects);
        Assert.Equal(0, report.Faults);
        Assert.Equal(2, source.Accepted);
    }

    [Fact]
    public async Task A_source_unreachable_after_its_connection_broke_is_dropped_after_the_allowed_attempts()
    {
        var source = await SourceAsync((connection, request) =>
            connection == 0 && request is ManifestRequest ? ScriptedSource.ManifestReply(Content) : null);
        var options = Options() with { MaxReconnectAttempts = 2 };

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => DownloadAsync(options, source));

        var report = Assert.Single(failure.Sources);
        Assert.Equal("unreachable after 3 attempts", report.DroppedReason);
        Assert.Equal(1, report.Reconnects);
        Assert.Equal(4, source.Accepted); // the probe and three attempts
    }

    [Theory]
    [InlineData(null, 3)] // the default
    [InlineData(1, 1)]
    [InlineData(5, 5)]
    public async Task A_source_that_serves_its_manifest_but_breaks_every_range_is_dropped_after_its_connections_without_a_block(
        int? bound, int connections)
    {
        // Every reconnect succeeds (the manifest is served each time) and a broken connection is not a fault: only
        // the count of connections in a row that delivered no block ends this.
        var source = await SourceAsync((_, request) => request is ManifestRequest ? ScriptedSource.ManifestReply(Content) : null);
        var options = bound is { } max ? Options() with { MaxConnectionsWithoutBlock = max } : Options();

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => DownloadAsync(options, source));

        var reason = $"its connection broke {connections} times in a row before delivering a block";
        var report = Assert.Single(failure.Sources);
        Assert.Equal(reason, report.DroppedReason);
        Assert.Equal(connections, report.Reconnects);
        Assert.Equal(0, report.Faults);
        Assert.Equal(0, report.Blocks);
        Assert.Equal(connections, source.Accepted); // the probe's connection is the first
        Assert.Contains($"every source was dropped (scripted: {reason})", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_that_breaks_every_range_is_dropped_and_the_file_comes_from_the_good_source()
    {
        var dropped = new LogEventSignal(3313); // the downloader's "source dropped"
        var breaking = await SourceAsync((_, request) => request is ManifestRequest ? ScriptedSource.ManifestReply(Content) : null);
        // The good source holds its blocks back until the breaking one is dropped: otherwise the download may complete
        // before the breaking source has used up its connections, and there would be no drop to check. The breaking
        // source always has requests to break: the missing blocks, or endgame copies of the good source's.
        var good = await ScriptedSource.StartAsync(_network.Transport, async (_, request, ct) =>
        {
            if (request is not RangeRequest range)
            {
                return ScriptedSource.ManifestReply(Content);
            }

            await dropped.Logged.WaitAsync(ct);
            return ScriptedSource.RangeReply(Content, range);
        });
        _servers.Add(good);

        var result = await new MultiSourceDownloader(_network.Transport, Options(), dropped).DownloadAsync(
            FileName, [new("breaking", breaking.EndPoint), new("good", good.EndPoint)], _downloads[FileName], null, TestData.Timeout());

        Assert.Equal(Content, await File.ReadAllBytesAsync(_downloads[FileName]));
        var bad = result.Sources[0];
        Assert.Equal("its connection broke 3 times in a row before delivering a block", bad.DroppedReason);
        Assert.Equal(0, bad.Blocks);
        Assert.Equal(3, breaking.Accepted);
        Assert.Null(result.Sources[1].DroppedReason);
        Assert.Equal(3, result.Sources[1].Blocks);
    }

    [Fact]
    public async Task A_connection_that_delivers_a_block_before_it_breaks_starts_the_count_again()
    {
        // Each connection serves its first range and then closes: three connections for three blocks, each one
        // delivering, so even a bound of one connection without a block never drops the source.
        var ranges = new Dictionary<int, int>();
        var source = await SourceAsync((connection, request) =>
        {
            if (request is not RangeRequest range)
            {
                return ScriptedSource.ManifestReply(Content);
            }

            lock (ranges)
            {
                ranges[connection] = ranges.GetValueOrDefault(connection) + 1;
                return ranges[connection] == 1 ? ScriptedSource.RangeReply(Content, range) : ScriptedSource.Close;
            }
        });

        var result = await DownloadAsync(Options() with { MaxConnectionsWithoutBlock = 1 }, source);

        Assert.Equal(Content, await File.ReadAllBytesAsync(_downloads[FileName]));
        var report = Assert.Single(result.Sources);
        Assert.Null(report.DroppedReason);
        Assert.Equal(3, report.Blocks);
        Assert.Equal(2, report.Reconnects); // the third connection's range is the last block
        Assert.Equal(3, source.Accepted);
    }

    [Fact]
    public async Task A_block_that_fails_verification_from_the_only_source_makes_the_download_fail_at_once()
    {
        var rotten = (byte[])Content.Clone();
        rotten[0] ^= 0xFF;
        var source = await SourceAsync((_, request) => request is RangeRequest range
            ? ScriptedSource.RangeReply(rotten, range)
            : ScriptedSource.ManifestReply(Content));

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => DownloadAsync(Options(), source));

        Assert.Contains("block 0 failed verification from every remaining source", failure.Message, StringComparison.Ordinal);
        var report = Assert.Single(failure.Sources);
        Assert.InRange(report.CorruptBlocks, 1, 3);
        Assert.Equal(report.CorruptBlocks, report.Faults);
        Assert.InRange(report.Blocks, 0, 2); // blocks 1 and 2 are good and may be stored before the download stops
        Assert.False(File.Exists(_downloads[FileName]));
    }

    [Fact]
    public async Task Classic_peers_are_tried_in_order_until_one_serves_the_whole_file()
    {
        var dead = await _network.UnusedEndPointAsync();
        var refusing = await ClassicPeerAsync([(byte)'1']);
        var serving = await ClassicPeerAsync([(byte)'0', .. Content]);

        var result = await new MultiSourceDownloader(_network.Transport, Options()).DownloadAsync(
            FileName, [new("dead", dead), new("refusing", refusing.EndPoint), new("serving", serving.EndPoint)], _downloads["copy.bin"],
            null, TestData.Timeout());

        Assert.Equal(Content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Content)), result.Sha256);
        Assert.Equal(Content.Length, result.Size);
        Assert.False(result.Sources[0].WholeFileOnly);
        Assert.NotNull(result.Sources[0].DroppedReason);
        Assert.Equal("GET_FILE answered 1", result.Sources[1].DroppedReason);
        Assert.True(result.Sources[1].WholeFileOnly);
        Assert.Equal(0, result.Sources[1].Bytes);
        Assert.Null(result.Sources[2].DroppedReason);
        Assert.Equal(Content.Length, result.Sources[2].Bytes);
    }

    [Fact]
    public async Task When_no_classic_peer_serves_the_file_each_ones_reason_is_reported()
    {
        var refusing = await ClassicPeerAsync([(byte)'2']);
        var resetting = await ScriptedServer.StartAsync(_network.Transport, async (connection, ct) =>
        {
            var request = await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct);
            if (Encoding.ASCII.GetString(request).StartsWith("GET_FILE\0", StringComparison.Ordinal))
            {
                await connection.Stream.WriteAsync((byte[])[(byte)'0', .. Content.AsSpan(0, 1000)], ct);
                connection.Abort();
                return;
            }

            await connection.Stream.WriteAsync("2"u8.ToArray(), ct);
        });
        _servers.Add(resetting);

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => new MultiSourceDownloader(_network.Transport, Options())
            .DownloadAsync(FileName, [new("refusing", refusing.EndPoint), new("resetting", resetting.EndPoint)], _downloads["copy.bin"], null, TestData.Timeout()));

        Assert.Contains("no classic source served the whole file", failure.Message, StringComparison.Ordinal);
        Assert.Equal("GET_FILE answered 2", failure.Sources[0].DroppedReason);
        Assert.NotNull(failure.Sources[1].DroppedReason);
        Assert.All(failure.Sources, s => Assert.True(s.WholeFileOnly));
        Assert.Empty(_downloads.FileNames);
    }

    [Theory]
    [InlineData(new[] { 1, 0, 0 }, 0)] // the version most sources hold
    [InlineData(new[] { 0, 1 }, 0)] // a tie: the first source's
    [InlineData(new[] { 1, 0 }, 1)]
    public async Task The_version_most_sources_hold_is_fetched_and_the_others_are_left_out(int[] versions, int chosen)
    {
        byte[][] contents = [TestData.Bytes(1000, seed: 33), TestData.Bytes(1200, seed: 34)];
        var sources = new List<DownloadSource>();
        foreach (var version in versions)
        {
            sources.Add(await FileServerSourceAsync(contents[version]));
        }

        var result = await new MultiSourceDownloader(_network.Transport, Options()).DownloadAsync(
            FileName, sources, _downloads["copy.bin"], null, TestData.Timeout());

        Assert.Equal(contents[chosen], await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        for (var i = 0; i < versions.Length; i++)
        {
            if (versions[i] == chosen)
            {
                Assert.Null(result.Sources[i].DroppedReason);
            }
            else
            {
                Assert.StartsWith("it holds another version of the file (", result.Sources[i].DroppedReason, StringComparison.Ordinal);
                Assert.Equal(0, result.Sources[i].Blocks);
            }
        }
    }

    [Fact]
    public async Task Progress_and_elapsed_time_come_from_the_injected_clock_and_the_board()
    {
        var sources = new List<DownloadSource> { await FileServerSourceAsync(Content), await FileServerSourceAsync(Content) };
        var reports = new List<DownloadProgress>();
        var progress = new ListProgress(reports);
        var clock = new FakeTimeProvider();
        clock.Advance(TimeSpan.FromMinutes(5)); // a clock that does not start at zero: elapsed is measured, not read
        var log = new CapturingLogger();

        var result = await new MultiSourceDownloader(_network.Transport, Options() with { TimeProvider = clock }, log).DownloadAsync(
            FileName, sources, _downloads["copy.bin"], progress, TestData.Timeout());

        Assert.Equal(TimeSpan.Zero, result.Elapsed);
        Assert.Equal(0, result.ResumedBlocks);
        Assert.Equal(3, reports.Count); // one per verified block
        Assert.Equal(Content.Length, reports.Max(r => r.VerifiedBytes));
        Assert.All(reports, r => Assert.Equal(Content.Length, r.TotalBytes));
        Assert.All(reports, r => Assert.Equal(TimeSpan.Zero, r.Elapsed));
        Assert.All(reports, r => Assert.Equal(2, r.ActiveSources));
        Assert.Equal(Content.Length, result.Sources.Sum(s => s.Bytes));
        Assert.Equal(3, result.Sources.Sum(s => s.Blocks));
        Assert.NotEmpty(log.Events); // the logger given is the one used
    }

    private static MultiSourceOptions Options() => new()
    {
        BlockTimeout = TimeSpan.FromSeconds(10),
        ReconnectDelay = TimeSpan.FromMilliseconds(1),
    };

    private Task<MultiSourceResult> DownloadAsync(MultiSourceOptions options, ScriptedServer source) =>
        new MultiSourceDownloader(_network.Transport, options).DownloadAsync(
            FileName, [new DownloadSource("scripted", source.EndPoint)], _downloads[FileName], null, TestData.Timeout());

    private async Task<ScriptedServer> SourceAsync(Func<int, PeerRequest, byte[]?> answer)
    {
        var source = await ScriptedSource.StartAsync(_network.Transport, answer);
        _servers.Add(source);
        return source;
    }

    /// <summary>A classic peer: GET_MANIFEST is an unknown operation (2), GET_FILE is answered <paramref name="reply"/>.</summary>
    private async Task<ScriptedServer> ClassicPeerAsync(byte[] reply)
    {
        var peer = await ScriptedServer.StartAsync(_network.Transport, async (connection, ct) =>
        {
            var request = await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct);
            var getFile = Encoding.ASCII.GetString(request).StartsWith("GET_FILE\0", StringComparison.Ordinal);
            await connection.Stream.WriteAsync(getFile ? reply : "2"u8.ToArray(), ct);
        });
        _servers.Add(peer);
        return peer;
    }

    private async Task<DownloadSource> FileServerSourceAsync(byte[] content)
    {
        var share = new TempFolder();
        _shares.Add(share);
        share.Write(FileName, content);
        var server = await FileServerHost.StartAsync(_network.Transport, TestNetwork.AnyPort, new FileServerOptions(share.Path));
        _servers.Add(server);
        return new DownloadSource($"peer{_servers.Count - 1}", server.EndPoint);
    }

    /// <summary>Keeps every report, synchronously on the reporting worker.</summary>
    private sealed class ListProgress(List<DownloadProgress> reports) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
