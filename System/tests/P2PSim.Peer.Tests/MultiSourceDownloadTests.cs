using System.Security.Cryptography;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Throttling;

namespace P2PSim.Peer.Tests;

/// <summary>
/// The multi-source downloader against real file servers, each with its own share folder, on loopback TCP or in
/// memory. Sources are throttled where a test needs the transfer to be under way when something happens to one.
/// </summary>
public sealed class MultiSourceDownloadTests : IAsyncDisposable
{
    private const string FileName = "movie.bin";
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

    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task Four_sources_give_an_identical_file_and_all_of_them_contribute(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        var content = TestData.Bytes((6 * 1024 * 1024) + 4321, seed: 11);
        var sources = await StartSourcesAsync(network.Transport, 4, content, bytesPerSecond: 8 * 1024 * 1024);

        var result = await Downloader(network.Transport).DownloadAsync(FileName, sources, _downloads["copy.bin"], null, TestData.Timeout(60));

        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), result.Sha256);
        Assert.All(result.Sources, s => Assert.True(s.Blocks > 0, $"{s.Source} delivered no block"));
        Assert.Equal(content.Length, result.Sources.Sum(s => s.Bytes));
        Assert.Equal(["copy.bin"], _downloads.FileNames); // the part file is gone
    }

    [Fact]
    public async Task A_source_killed_mid_transfer_costs_only_its_blocks_in_flight()
    {
        var transport = TestNetwork.Create(TransportKind.Tcp).Transport;
        var content = TestData.Bytes(8 * 1024 * 1024, seed: 12);
        var sources = await StartSourcesAsync(transport, 4, content, bytesPerSecond: 4 * 1024 * 1024);
        var killed = false;
        var progress = SyncProgress.OnceAt(0.3, () =>
        {
            killed = true;
            _ = _servers[1].DisposeAsync().AsTask(); // stops accepting and resets its transfers
        });

        var result = await Downloader(transport).DownloadAsync(FileName, sources, _downloads["copy.bin"], progress, TestData.Timeout(60));

        Assert.True(killed);
        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        var victim = result.Sources[1];
        Assert.True(victim.Reconnects > 0, "the killed source's connection was not seen to break");
        Assert.True(victim.Bytes < content.Length / 2, $"the killed source is credited {victim.Bytes} bytes");
        Assert.All(result.Sources.Where(s => s != victim), s => Assert.Null(s.DroppedReason));
    }

    [Fact]
    public async Task A_source_serving_corrupt_blocks_is_named_and_the_file_is_still_identical()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var content = TestData.Bytes(4 * 1024 * 1024, seed: 13);

        // The two good sources are slow (about a second for the whole file between them) and the rotten one is not,
        // so it answers its first ranges long before the download could end without it: the three faults that drop
        // it happen in every run, not only when the scheduler lets it in early.
        var sources = await StartSourcesAsync(transport, 2, content, bytesPerSecond: 2 * 1024 * 1024);
        sources.AddRange(await StartSourcesAsync(transport, 1, content));

        // Source 2 has computed its manifest; then its copy rots in place (same length, same time stamp), so it keeps
        // announcing the right digests while serving wrong bytes.
        await Downloader(transport).DownloadAsync(FileName, [sources[2]], _downloads["warm.bin"], null, TestData.Timeout());
        var path = Path.Combine(_folders[2].Path, FileName);
        var stamp = File.GetLastWriteTimeUtc(path);
        var rotten = (byte[])content.Clone();
        for (var i = 0; i < rotten.Length; i += 4096)
        {
            rotten[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(path, rotten);
        File.SetLastWriteTimeUtc(path, stamp);

        var result = await Downloader(transport).DownloadAsync(FileName, sources, _downloads["copy.bin"], null, TestData.Timeout());

        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        var corrupt = Assert.Single(result.CorruptSources);
        Assert.Equal(sources[2], corrupt.Source);
        Assert.Equal(0, corrupt.Blocks);
        Assert.Contains("fault", corrupt.DroppedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_restarted_at_every_tenth_of_progress_still_gives_an_identical_file()
    {
        var transport = TestNetwork.Create(TransportKind.Tcp).Transport;
        var content = TestData.Bytes(10 * 1024 * 1024, seed: 14);
        var sources = await StartSourcesAsync(transport, 3, content, bytesPerSecond: 3 * 1024 * 1024);
        var restarts = new List<Task>();
        var nextTenth = 1;
        var progress = new SyncProgress(p =>
        {
            if (nextTenth <= 9 && p.Fraction >= nextTenth / 10.0)
            {
                nextTenth++;
                restarts.Add(RestartAsync(transport, 0, bytesPerSecond: 3 * 1024 * 1024));
            }
        });

        var result = await Downloader(transport).DownloadAsync(FileName, sources, _downloads["copy.bin"], progress, TestData.Timeout(90));
        await Task.WhenAll([.. restarts]);

        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        Assert.True(restarts.Count >= 5, $"only {restarts.Count} restarts happened");
        Assert.True(result.Sources[0].Reconnects > 0);
    }

    [Fact]
    public async Task An_interrupted_download_resumes_from_verified_blocks_only()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var content = TestData.Bytes(6 * 1024 * 1024, seed: 15);
        var sources = await StartSourcesAsync(transport, 2, content, bytesPerSecond: 6 * 1024 * 1024);
        var target = _downloads["copy.bin"];
        using var interrupt = new CancellationTokenSource();
        var progress = SyncProgress.OnceAt(0.5, interrupt.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Downloader(transport).DownloadAsync(FileName, sources, target, progress, interrupt.Token));

        // The part file holds verified blocks; spoil one of them: it must be fetched again, not trusted.
        var part = target + ".p2psim-part";
        Assert.True(File.Exists(part));
        await using (var handle = new FileStream(part, FileMode.Open, FileAccess.ReadWrite))
        {
            handle.Position = 10;
            handle.WriteByte((byte)(content[10] ^ 0xFF));
        }

        var result = await Downloader(transport).DownloadAsync(FileName, sources, target, null, TestData.Timeout());

        Assert.Equal(content, await File.ReadAllBytesAsync(target));
        Assert.InRange(result.ResumedBlocks, 1, 23); // 24 blocks of 256 KiB; block 0 was spoiled
        Assert.False(File.Exists(part));
    }

    [Fact]
    public async Task A_file_changed_on_one_source_mid_download_is_detected_not_mixed()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var content = TestData.Bytes(6 * 1024 * 1024, seed: 16);
        var sources = await StartSourcesAsync(transport, 2, content, bytesPerSecond: 6 * 1024 * 1024);
        var progress = SyncProgress.OnceAt(0.3, () =>
            File.WriteAllBytes(Path.Combine(_folders[0].Path, FileName), TestData.Bytes(content.Length + 1, seed: 99)));

        var result = await Downloader(transport).DownloadAsync(FileName, sources, _downloads["copy.bin"], progress, TestData.Timeout());

        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        Assert.Contains("changed", result.Sources[0].DroppedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_changed_on_every_source_fails_clearly_and_never_leaves_a_mixed_file()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var content = TestData.Bytes(4 * 1024 * 1024, seed: 17);
        var sources = await StartSourcesAsync(transport, 2, content, bytesPerSecond: 4 * 1024 * 1024);
        var progress = SyncProgress.OnceAt(0.25, () =>
        {
            foreach (var folder in _folders)
            {
                File.WriteAllBytes(Path.Combine(folder.Path, FileName), TestData.Bytes(content.Length, seed: 98));
            }
        });

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() =>
            Downloader(transport).DownloadAsync(FileName, sources, _downloads["copy.bin"], progress, TestData.Timeout()));

        Assert.Contains("changed", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_downloads["copy.bin"]));
    }

    [Fact]
    public async Task No_source_with_the_file_fails_with_each_sources_reason()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var sources = await StartSourcesAsync(transport, 2, TestData.Bytes(1000));
        var unused = await TestNetwork.Create(TransportKind.InMemory).UnusedEndPointAsync();

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => Downloader(transport).DownloadAsync(
            "other.bin", [.. sources, new DownloadSource("ghost", unused)], _downloads["copy.bin"], null, TestData.Timeout()));

        Assert.Contains("no source answered with a manifest", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no file named other.bin", string.Join(' ', failure.Sources.Select(s => s.DroppedReason)), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task An_empty_file_and_a_one_byte_file_download()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        foreach (var content in new[] { Array.Empty<byte>(), [42] })
        {
            var sources = await StartSourcesAsync(transport, 2, content);
            var target = _downloads[$"copy-{content.Length}.bin"];

            var result = await Downloader(transport).DownloadAsync(FileName, sources, target, null, TestData.Timeout());

            Assert.Equal(content, await File.ReadAllBytesAsync(target));
            Assert.Equal(content.Length, result.Size);
        }
    }

    [Fact]
    public async Task Endgame_lets_fast_sources_finish_the_blocks_a_slow_one_holds()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var content = TestData.Bytes(4 * 1024 * 1024, seed: 18);
        var fast = await StartSourcesAsync(transport, 2, content, bytesPerSecond: 16 * 1024 * 1024);
        var slow = await StartSourcesAsync(transport, 1, content, bytesPerSecond: 128 * 1024);

        var result = await Downloader(transport).DownloadAsync(FileName, [.. fast, .. slow], _downloads["copy.bin"], null, TestData.Timeout());

        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"took {result.Elapsed}: the slow source's blocks were waited for");
    }

    private MultiSourceDownloader Downloader(ITransport transport) =>
        new(transport, new MultiSourceOptions { BlockTimeout = TimeSpan.FromSeconds(10), ReconnectDelay = TimeSpan.FromMilliseconds(20) });

    private async Task<List<DownloadSource>> StartSourcesAsync(ITransport transport, int count, byte[] content, long? bytesPerSecond = null)
    {
        var sources = new List<DownloadSource>();
        for (var i = 0; i < count; i++)
        {
            var folder = new TempFolder();
            folder.Write(FileName, content);
            _folders.Add(folder);
            var server = await FileServerHost.StartAsync(Throttle(transport, bytesPerSecond), TestNetwork.AnyPort, new FileServerOptions(folder.Path));
            _servers.Add(server);
            sources.Add(new DownloadSource($"peer{_servers.Count - 1}", server.EndPoint));
        }

        return sources;
    }

    /// <summary>Stops server <paramref name="index"/> and starts a new one on the same address and folder.</summary>
    private async Task RestartAsync(ITransport transport, int index, long bytesPerSecond)
    {
        var old = _servers[index];
        var endPoint = old.EndPoint;
        await old.DisposeAsync();
        _servers[index] = await FileServerHost.StartAsync(
            Throttle(transport, bytesPerSecond), endPoint, new FileServerOptions(_folders[index].Path));
    }

    private static ITransport Throttle(ITransport transport, long? bytesPerSecond) =>
        bytesPerSecond is { } rate ? new ThrottledTransport(transport, rate) : transport;

    /// <summary>Reports synchronously on the worker that verified the block (Progress&lt;T&gt; would post to the pool).</summary>
    private sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        private readonly object _gate = new();

        /// <summary>Runs <paramref name="act"/> once, at the first report at or past <paramref name="fraction"/>.</summary>
        public static SyncProgress OnceAt(double fraction, Action act)
        {
            var done = false;
            return new SyncProgress(p =>
            {
                if (!done && p.Fraction >= fraction)
                {
                    done = true;
                    act();
                }
            });
        }

        public void Report(DownloadProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
