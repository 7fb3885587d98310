using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Transport;
using P2PSim.Transport.Timing;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// Downloads one file from several peers at once (P2PSim's GET_MULTIFILE). First every source is asked for the
/// file's manifest; the version most sources hold is fetched, sources holding another are left out. Then one worker
/// per source pulls blocks from a shared <see cref="BlockBoard"/>, verifies each against the manifest and writes it
/// into a part file; classic peers that only speak GET_FILE stream the whole file and contribute the blocks they
/// deliver first. The part file replaces the target only when its whole-file SHA-256 matches.
/// </summary>
public sealed class MultiSourceDownloader(ITransport transport, MultiSourceOptions? options = null, ILogger? logger = null)
{
    private readonly MultiSourceOptions _options = options ?? new MultiSourceOptions();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>
    /// Sees every write into a part file (tests: no block is written unverified); none in the product. Internal, so
    /// the public API carries no test hook.
    /// </summary>
    internal IPartFileObserver? PartFileObserver { get; init; }

    /// <summary>
    /// Fetches <paramref name="fileName"/> from <paramref name="sources"/> into <paramref name="target"/>. An earlier
    /// attempt's verified blocks are reused. <paramref name="progress"/> hears of every verified block.
    /// </summary>
    /// <exception cref="MultiSourceFailedException">No source could serve the file, or all of them failed.</exception>
    public async Task<MultiSourceResult> DownloadAsync(
        string fileName, IReadOnlyList<DownloadSource> sources, string target,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // Elapsed time on the injected clock, never a Stopwatch: a simulated run reports simulated time.
        var started = _options.TimeProvider.GetTimestamp();
        var stats = sources.Select(s => new SourceStats(s)).ToArray();
        if (sources.Count == 0)
        {
            throw new MultiSourceFailedException(fileName, "no source publishes it", []);
        }

        var probes = await ProbeAllAsync(fileName, stats, cancellationToken);
        var manifest = ChooseVersion(probes, stats);
        if (manifest is null && probes.Any(p => p.WholeFileOnly))
        {
            return await FromClassicPeersAsync(fileName, stats, probes, target, started, cancellationToken);
        }

        if (manifest is null)
        {
            throw new MultiSourceFailedException(fileName, Reasons(stats, "no source answered with a manifest"), Reports(stats));
        }

        var (file, resumed) = BlockFile.Open(target, manifest, PartFileObserver);
        var wholeFileSources = Enumerable.Range(0, stats.Length).Where(i => probes[i].WholeFileOnly).ToArray();
        var users = Enumerable.Range(0, stats.Length).Where(i => probes[i].Channel is not null || probes[i].WholeFileOnly);
        var board = new BlockBoard(
            [.. Enumerable.Range(0, manifest.BlockCount).Select(manifest.LengthOf)], users, _options.Endgame, _options.EndgameCopies);
        foreach (var block in resumed)
        {
            board.MarkResumed(block);
        }

        if (resumed.Count > 0)
        {
            Log.Resumed(_logger, fileName, resumed.Count, manifest.BlockCount);
        }

        using var stopWorkers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopHasher = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var context = new DownloadContext(transport, fileName, manifest, board, file, _options, _logger,
            () => progress?.Report(new DownloadProgress(board.DoneBytes, manifest.Size, board.LiveSources, _options.TimeProvider.GetElapsedTime(started))));
        var hasher = new WholeFileHasher(file, manifest, board).RunAsync(stopHasher.Token);
        var workers = new List<Task>();
        for (var i = 0; i < stats.Length; i++)
        {
            if (probes[i].Channel is { } channel)
            {
                workers.Add(new SourceWorker(context, i, stats[i]).RunAsync(channel, stopWorkers.Token));
            }
            else if (probes[i].WholeFileOnly)
            {
                workers.Add(new WholeFileSourceWorker(context, i, stats[i]).RunAsync(stopWorkers.Token));
            }
        }

        try
        {
            // Wait for completion or failure, then stop every worker: endgame copies still in flight are abandoned.
            // Every worker tells the board when it ends, so the board is the one thing to wait on: no WhenAny over
            // the workers (which also spun once one of them had ended, a dropped source, for the rest of the download).
            while (true)
            {
                var change = board.WaitForChangeAsync();
                if (board.IsComplete || board.Failure is not null || board.EndedWorkers == workers.Count)
                {
                    break;
                }

                await board.WaitAsync(change, cancellationToken);
            }
        }
        finally
        {
            // Complete or not, the workers stop now: endgame copies still in flight are abandoned. The hasher goes on
            // to the last block unless the download failed.
            stopWorkers.Cancel();
            if (!board.IsComplete)
            {
                // Stryker disable once Statement : an incomplete board has a failure or a cancelled caller, and the hasher returns on either by itself
                stopHasher.Cancel();
            }

            // WhenAny of the one WhenAll: waits for every task without throwing (failures are examined below), in
            // shapes Coyote controls (arrays, no ContinueWith).
            await Task.WhenAny(new[] { Task.WhenAll(workers.Append(hasher).ToArray()) });
            if (cancellationToken.IsCancellationRequested || workers.Any(w => w.IsFaulted) || hasher.IsFaulted)
            {
                // Stryker disable once Statement : on Unix the part file stays the same with its handle left to the finaliser
                file.Dispose(); // cancelled or a local failure: the verified blocks stay for a later attempt
            }
        }

        // A worker fails only on a local error (the disk), which no other source can fix.
        if (workers.FirstOrDefault(w => w.IsFaulted) is { } failed)
        {
            throw failed.Exception!.InnerException!;
        }

        return Finish(fileName, file, board, manifest, await hasher, stats, resumed.Count, _options.TimeProvider.GetElapsedTime(started), wholeFileSources.Length);
    }

    /// <summary>
    /// Asks one source for a file's manifest (GET_MANIFEST) and nothing else; null when the source does not speak
    /// the extension. The source computes and caches it if it had not yet.
    /// </summary>
    /// <exception cref="IOException">The source could not be reached or has no such file.</exception>
    public async Task<FileManifest?> GetManifestAsync(DownloadSource source, string fileName, CancellationToken cancellationToken = default)
    {
        await using var channel = await SourceChannel.ConnectAsync(transport, source.EndPoint, cancellationToken);
        return await channel.GetManifestAsync(fileName, cancellationToken);
    }

    private MultiSourceResult Finish(
        string fileName, BlockFile file, BlockBoard board, FileManifest manifest, byte[]? wholeFileHash, SourceStats[] stats, int resumed,
        TimeSpan elapsed, int wholeFileSources)
    {
        if (!board.IsComplete)
        {
            var reason = board.Failure ?? "every source stopped before the file was complete";
            if (_options.KeepPartialOnFailure)
            {
                file.Dispose();
            }
            else
            {
                file.Discard();
            }

            throw new MultiSourceFailedException(fileName, Reasons(stats, reason), Reports(stats));
        }

        if (wholeFileHash is null || !file.Commit(wholeFileHash))
        {
            throw new MultiSourceFailedException(
                fileName, "every block verified but the whole file's SHA-256 does not match the manifest", Reports(stats));
        }

        var duplicates = stats.Sum(s => s.Duplicates);
        Log.MultiSourceDone(_logger, fileName, manifest.Size, stats.Count(s => s.Blocks > 0), duplicates, wholeFileSources, elapsed.TotalMilliseconds);
        return new MultiSourceResult(file.Target, manifest.Size, manifest.Version, resumed, duplicates, elapsed, Reports(stats));
    }

    /// <summary>
    /// No source speaks the extension, so there are no digests to verify blocks against: fetch the whole file from
    /// the first classic peer that serves it (GET_FILE), as the classic client would.
    /// </summary>
    private async Task<MultiSourceResult> FromClassicPeersAsync(
        string fileName, SourceStats[] stats, Probe[] probes, string target, long started, CancellationToken cancellationToken)
    {
        var downloader = new FileDownloader(transport, _options.BlockTimeout, _logger, _options.TimeProvider);
        for (var i = 0; i < stats.Length; i++)
        {
            if (!probes[i].WholeFileOnly)
            {
                continue;
            }

            stats[i].WholeFileOnly = true;
            try
            {
                var result = await downloader.DownloadAsync(stats[i].Source.EndPoint, fileName, target, cancellationToken);
                if (result.IsOk)
                {
                    stats[i].Bytes = result.Bytes;
                    await using var file = File.OpenRead(target);
                    var sha256 = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken));
                    return new MultiSourceResult(target, result.Bytes, sha256, 0, 0, _options.TimeProvider.GetElapsedTime(started), Reports(stats));
                }

                stats[i].DroppedReason = $"GET_FILE answered {result.Code}";
            }
            catch (TransferFailedException e)
            {
                stats[i].DroppedReason = e.Message;
            }
        }

        throw new MultiSourceFailedException(fileName, Reasons(stats, "no classic source served the whole file"), Reports(stats));
    }

    /// <summary>Asks every source for its manifest at once; keeps each answering connection for its worker.</summary>
    private async Task<Probe[]> ProbeAllAsync(string fileName, SourceStats[] stats, CancellationToken cancellationToken)
    {
        var probes = stats.Select(s => ProbeAsync(fileName, s, cancellationToken)).ToArray();
        return await Task.WhenAll(probes);
    }

    private async Task<Probe> ProbeAsync(string fileName, SourceStats stats, CancellationToken cancellationToken)
    {
        using var linked = new LinkedDeadline(_options.ConnectTimeout, _options.TimeProvider, cancellationToken);
        SourceChannel? channel = null;
        try
        {
            channel = await SourceChannel.ConnectAsync(transport, stats.Source.EndPoint, linked.Token);
            var manifest = await channel.GetManifestAsync(fileName, linked.Token);
            if (manifest is null)
            {
                await channel.DisposeAsync();
                return new Probe(null, null, WholeFileOnly: true);
            }

            return new Probe(channel, manifest, WholeFileOnly: false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or ProtocolException or ConnectionRefusedException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            stats.DroppedReason = e is OperationCanceledException
                ? $"no manifest within {_options.ConnectTimeout.TotalSeconds:0.#} s"
                : $"no manifest ({e.Message})";
            Log.SourceDropped(_logger, stats.Source.ToString(), stats.DroppedReason);
            return new Probe(null, null, WholeFileOnly: false);
        }
    }

    /// <summary>
    /// The version most sources hold (first come on a tie). Sources with another version are closed and reported:
    /// mixing versions would only produce blocks that fail verification.
    /// </summary>
    private FileManifest? ChooseVersion(Probe[] probes, SourceStats[] stats)
    {
        var chosen = probes.Where(p => p.Manifest is not null)
            .GroupBy(p => p.Manifest!.Version)
            .OrderByDescending(g => g.Count())
            .Select(g => g.First().Manifest)
            .FirstOrDefault();
        for (var i = 0; i < probes.Length; i++)
        {
            if (probes[i].Manifest is { } manifest && chosen is not null && !manifest.SameContentAs(chosen))
            {
                stats[i].DroppedReason = $"it holds another version of the file ({manifest.Version[..12]}…)";
                Log.SourceDropped(_logger, stats[i].Source.ToString(), stats[i].DroppedReason!);
                _ = probes[i].Channel!.DisposeAsync().AsTask();
                probes[i] = probes[i] with { Channel = null };
            }
        }

        return chosen;
    }

    private static string Reasons(SourceStats[] stats, string summary)
    {
        var dropped = stats.Where(s => s.DroppedReason is not null).Select(s => $"{s.Source.Name}: {s.DroppedReason}").ToList();
        return dropped.Count == 0 ? summary : $"{summary} ({string.Join("; ", dropped)})";
    }

    private static List<SourceReport> Reports(SourceStats[] stats) => [.. stats.Select(s => s.ToReport())];

    private sealed record Probe(SourceChannel? Channel, FileManifest? Manifest, bool WholeFileOnly);
}
