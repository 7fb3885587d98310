using Microsoft.Coyote.Specifications;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Serving;
using P2PSim.Protocol.Peer;
using P2PSim.Systematic.Tests.Downloads;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.InMemory;

namespace P2PSim.Systematic.Tests.RealCode.Board;

/// <summary>
/// The real <see cref="MultiSourceDownloader"/> (its <c>BlockBoard</c>, <c>SourceWorker</c>s and <c>BlockFile</c>)
/// fetching the four-block shared file from two good file servers and one that serves rotten copies, endgame on,
/// watched by <see cref="VerifiedWriteMonitor"/> through the downloader's part-file observer: no block's bytes reach
/// the part file before their SHA-256 matched the manifest. The good sources hold their blocks back until the
/// downloader has rejected one of the rotten source's, so on every schedule rotten bytes arrive while their block
/// is still missing (the moment a write-first worker would store them); two requests in flight per source leave
/// blocks missing at first and then an endgame in which every source, the rotten one too, takes copies of blocks
/// in flight elsewhere. The download must still complete with the original bytes, and the rotten source must have
/// had blocks rejected (otherwise the safety check saw no rotten bytes and proved nothing).
/// </summary>
internal static class VerifiedWritesScenario
{
    private const int RottenSource = 2;

    /// <summary>The manifest every source announces (the file servers compute it the same way).</summary>
    private static readonly FileManifest Manifest = ManifestCache.Compute(Path.Combine(SharedFile.ShareFolder, SharedFile.Name));

    public static async Task RunAsync()
    {
        var target = Path.Combine(SharedFile.Downloads, "verified.bin");
        var partPath = target + BlockFile.Suffix;
        File.Delete(target);
        File.Delete(partPath);
        Specification.RegisterMonitor<VerifiedWriteMonitor>();
        Specification.Monitor<VerifiedWriteMonitor>(new VerifiedWriteMonitor.Setup(Manifest));

        // A fresh network and servers per iteration: nothing that synchronizes may outlive an iteration.
        var transport = new InMemoryNetwork().CreateTransport("127.0.0.1");
        var serving = new FileServerOptions(SharedFile.ShareFolder)
        {
            RequestTimeout = Timeout.InfiniteTimeSpan,
            IdleTimeout = Timeout.InfiniteTimeSpan,
        };
        var rejections = new RejectionSignal();
        var good = new TamperingTransport(transport, holdUntil: rejections.Rejected);
        var servers = new List<RunningServer<FileServer>>
        {
            await FileServerHost.StartAsync(good, new TransportEndPoint("127.0.0.1", 4201), serving),
            await FileServerHost.StartAsync(good, new TransportEndPoint("127.0.0.1", 4202), serving),
            await FileServerHost.StartAsync(new TamperingTransport(transport), new TransportEndPoint("127.0.0.1", 4203), serving),
        };

        var sources = servers.Select((s, i) => new DownloadSource($"peer{i}", s.EndPoint)).ToArray();
        var watch = new PartFileWatch(partPath);
        var downloader = new MultiSourceDownloader(transport, new MultiSourceOptions
        {
            RequestsInFlightPerSource = 2,
            Endgame = true,
            EndgameCopies = 3,
            BlockTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = Timeout.InfiniteTimeSpan,
            ReconnectDelay = TimeSpan.FromMilliseconds(1),
        }, rejections)
        {
            PartFileObserver = watch,
        };

        MultiSourceResult? result = null;
        string? failure = null;
        try
        {
            result = await downloader.DownloadAsync(SharedFile.Name, sources, target);
        }
        catch (MultiSourceFailedException e)
        {
            failure = e.Message;
        }

        rejections.Release(); // whatever happened, nothing may stay held back past the download
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        Specification.Assert(result is not null, $"the download failed: {failure}");
        Specification.Assert(File.ReadAllBytes(target).AsSpan().SequenceEqual(SharedFile.Content), "the downloaded file differs from the original");
        var rotten = result!.Sources[RottenSource];
        Specification.Assert(rotten.CorruptBlocks >= 1 && rotten.Blocks == 0,
            $"the rotten source had no block rejected, or was credited one ({rotten.Summary}): its bytes were never put to the test");
        Specification.Assert(watch.Writes >= Manifest.BlockCount,
            $"the part-file observer saw {watch.Writes} writes for {Manifest.BlockCount} blocks: it is not on the write path");
    }
}
