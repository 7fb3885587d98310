using System.Security.Cryptography;
using P2PSim.Peer;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Simulation.Runs.Tests.Scenario;
using P2PSim.Transport;

namespace P2PSim.Simulation.Runs.Tests.Actions;

/// <summary>
/// GET_MULTIFILE: FIND_SOURCES for a name some peer may publish, then the real <see cref="MultiSourceDownloader"/>
/// from every source the directory gave, into the peer's share folder. A completed download must equal the source
/// file by SHA-256 and be credited exactly its size when nothing was resumed; a failed one must leave no target file
/// (its part file may stay, for a later attempt to resume). A completed copy becomes publishable, so later FIND_SOURCES
/// answers grow to several peers holding the same file.
/// </summary>
internal sealed class MultiSourceDownloadAction(int weight) : PeerAction("GET_MULTIFILE", weight)
{
    public override async Task RunAsync(SimPeer peer, SimWorld world)
    {
        var generation = peer.Generation;
        // Half the time the file several peers hold from the start; otherwise any name some peer may publish.
        var holder = world.Peers[peer.Random.Next(world.Peers.Count)];
        var file = peer.Random.Next(2) == 0 ? world.MirroredFile : holder.PublishableNames[peer.Random.Next(holder.PublishableNames.Count)];
        var target = Path.Join(peer.ShareDirectory, file);
        if (File.Exists(target))
        {
            world.Record(peer, $"GET_MULTIFILE {file}: already held", ok: true);
            return;
        }

        List<DownloadSource> sources;
        try
        {
            var reply = await peer.Client.FindSourcesAsync(peer.Name, file);
            sources = [.. (reply.Users ?? []).Select(u => new DownloadSource(u.Name, new TransportEndPoint(u.Ip, u.Port)))];
            if (!reply.IsOk || sources.Count == 0)
            {
                world.Record(peer, $"GET_MULTIFILE {file}: no source (FIND_SOURCES {reply.Code})", ok: true);
                return;
            }
        }
        catch (DirectoryUnavailableException e)
        {
            world.Record(peer, $"GET_MULTIFILE {file}: directory unavailable ({e.InnerException?.GetType().Name})", ok: false);
            return;
        }

        var downloader = new MultiSourceDownloader(peer.Transport, new MultiSourceOptions { TimeProvider = world.Clock });
        var names = string.Join(",", sources.Select(s => s.Name));
        try
        {
            var result = await downloader.DownloadAsync(file, sources, target);
            if (generation != peer.Generation)
            {
                world.Record(peer, $"GET_MULTIFILE {file} from {names} finished after a crash (ignored)", ok: false);
                return;
            }

            world.Record(peer, $"GET_MULTIFILE {file} from {names} -> {result.Size}B, {result.ResumedBlocks} resumed, " +
                               $"{string.Join("; ", result.Sources.Select(s => s.Summary))}", ok: true);
            Judge(world, peer, file, target, result);
        }
        catch (MultiSourceFailedException e)
        {
            world.Record(peer, $"GET_MULTIFILE {file} from {names} failed ({e.Message})", ok: false);
            if (File.Exists(target))
            {
                world.Violation($"{peer.Name}: a failed multi-source download of {file} left a file behind");
            }
        }
    }

    private static void Judge(SimWorld world, SimPeer peer, string file, string target, MultiSourceResult result)
    {
        world.Downloads++;
        var expected = world.ExpectedContentHash(file);
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(target)));
        if (expected is null || actual != expected || result.Sha256 != expected)
        {
            world.Violation($"{peer.Name}: multi-source {file} (sha {actual[..12]}) differs from the source (sha {expected?[..12] ?? "none: no such file"})");
            return;
        }

        var credited = result.Sources.Sum(s => s.Bytes);
        if (result.ResumedBlocks == 0 && credited != result.Size)
        {
            world.Violation($"{peer.Name}: multi-source {file} credited its sources {credited} bytes for a {result.Size}-byte file");
        }

        // Now held and verified: this peer may publish it too.
        peer.PublishableNames.Add(file);
    }
}
