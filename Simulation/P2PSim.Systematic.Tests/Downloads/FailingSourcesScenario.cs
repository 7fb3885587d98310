using Microsoft.Coyote.Specifications;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Serving;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.InMemory;

namespace P2PSim.Systematic.Tests.Downloads;

/// <summary>
/// The real multi-source downloader fetching a four-block file from real file servers over the in-memory transport
/// while sources fail: one is stopped (its server disposed, every transfer cut) at a moment Coyote chooses after
/// the first verified block, and optionally another serves a rotten copy, whose blocks the good sources let arrive
/// first, so it really wins blocks, and each must be rejected and fetched again from a good source. The properties: the download completes,
/// the file is byte-for-byte the original, and no block is counted twice (the sources' verified bytes add up to
/// the file's size, their blocks to its block count). No timer may fire at a moment Coyote does not choose: every
/// timeout is infinite, and reconnection pauses are plain <c>Task.Delay</c>s, which Coyote controls.
/// </summary>
internal static class FailingSourcesScenario
{
    private const int Blocks = 4;

    /// <summary>The downloader's part file beside the target (docs/extensions.md §3).</summary>
    private const string PartSuffix = ".p2psim-part";

    public static async Task RunAsync(bool corruptSource)
    {
        var target = Path.Combine(SharedFile.Downloads, "copy.bin");
        File.Delete(target);
        File.Delete(target + PartSuffix);

        // A fresh network and servers per iteration: nothing that synchronizes may outlive an iteration.
        var transport = new InMemoryNetwork().CreateTransport("127.0.0.1");
        var serving = new FileServerOptions(SharedFile.ShareFolder)
        {
            RequestTimeout = Timeout.InfiniteTimeSpan,
            IdleTimeout = Timeout.InfiniteTimeSpan,
        };
        // With a rotten source, the good sources hold their blocks back until the downloader has rejected one of the
        // rotten source's: otherwise the good ones may deliver everything before it is ever heard, and its
        // assertions below would check nothing. It always gets a block: a missing one, or an endgame copy.
        var rejections = new RejectionSignal();
        var good = corruptSource ? new TamperingTransport(transport, holdUntil: rejections.Rejected) : transport;
        var servers = new List<RunningServer<FileServer>>
        {
            await FileServerHost.StartAsync(good, new TransportEndPoint("127.0.0.1", 4101), serving),
            await FileServerHost.StartAsync(good, new TransportEndPoint("127.0.0.1", 4102), serving),
        };
        if (corruptSource)
        {
            servers.Add(await FileServerHost.StartAsync(new TamperingTransport(transport), new TransportEndPoint("127.0.0.1", 4103), serving, rejections));
        }

        var sources = servers.Select((s, i) => new DownloadSource($"peer{i}", s.EndPoint)).ToArray();
        var downloader = new MultiSourceDownloader(transport, new MultiSourceOptions
        {
            BlockTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = Timeout.InfiniteTimeSpan,
            ReconnectDelay = TimeSpan.FromMilliseconds(1),
        }, rejections);

        // The stop happens wherever Coyote schedules the stopper once the first block is verified: before, during
        // or after any of the victim's range replies, or after the download is already complete. The stopper awaits
        // the one signal itself, which the end of the download also completes (a failed download reports no block):
        // a Task.WhenAny over two signals is completed by a thread-pool callback Coyote does not schedule, and a
        // download that ended before that callback ran was reported as a deadlock that no trace replays.
        var progress = new FirstBlockSignal();
        var stopper = Task.Run(async () =>
        {
            await progress.FirstBlock;
            await servers[1].DisposeAsync();
        });

        MultiSourceResult? result = null;
        string? failure = null;
        try
        {
            result = await downloader.DownloadAsync(SharedFile.Name, sources, target, progress);
        }
        catch (MultiSourceFailedException e)
        {
            failure = e.Message;
        }

        progress.Release();
        rejections.Release(); // whatever happened, nothing may stay held back past the download
        await stopper;
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        Specification.Assert(result is not null, $"the download failed: {failure}");
        var bytes = result!.Sources.Sum(s => s.Bytes);
        var blocks = result.Sources.Sum(s => s.Blocks);
        Specification.Assert(bytes == SharedFile.Size && blocks == Blocks,
            $"block counted twice or lost: sources credited {bytes} bytes in {blocks} blocks for a {SharedFile.Size}-byte file of {Blocks} blocks " +
            $"({string.Join("; ", result.Sources.Select(s => s.Summary))})");
        Specification.Assert(File.ReadAllBytes(target).AsSpan().SequenceEqual(SharedFile.Content), "the downloaded file differs from the original");
        Specification.Assert(!File.Exists(target + PartSuffix), "the part file was left behind");
        if (corruptSource)
        {
            // It won blocks (was given them and served them first), they were rejected, and fetched again elsewhere:
            // the file is whole from the good sources alone.
            var rotten = result.Sources[2];
            Specification.Assert(rotten.CorruptBlocks >= 1 && rejections.Rejections == rotten.CorruptBlocks,
                $"the rotten source served no block that was rejected ({rotten.Summary}; {rejections.Rejections} rejection(s) logged)");
            Specification.Assert(rotten.Blocks == 0 && rotten.Bytes == 0, $"the rotten source was credited {rotten.Blocks} blocks");
            Specification.Assert(result.Sources[0].Blocks + result.Sources[1].Blocks == Blocks,
                $"the rejected blocks were not fetched again from the good sources ({string.Join("; ", result.Sources.Select(s => s.Summary))})");
        }
    }
}
