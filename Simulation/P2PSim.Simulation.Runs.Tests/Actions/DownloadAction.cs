using System.Security.Cryptography;
using P2PSim.Peer;
using P2PSim.Peer.Downloads;
using P2PSim.Simulation.Runs.Tests.Scenario;
using P2PSim.Transport;

namespace P2PSim.Simulation.Runs.Tests.Actions;

/// <summary>
/// The peer-to-peer path: LIST_USERS, LIST_CONTENT of another user, then a GET_FILE with the real
/// <see cref="FileDownloader"/> from the address the directory gave. A completed download must equal the source file
/// byte for byte (SHA-256); a file that exists must never be answered "no such file", a ghost name always is.
/// </summary>
internal sealed class DownloadAction(int weight) : PeerAction("DOWNLOAD", weight)
{
    public override async Task RunAsync(SimPeer peer, SimWorld world)
    {
        var generation = peer.Generation;
        TransportEndPoint source;
        string owner;
        string file;
        try
        {
            var users = await peer.Client.ListUsersAsync(peer.Name);
            var others = users.Users?.Where(u => u.Name != peer.Name).ToList() ?? [];
            if (!users.IsOk || others.Count == 0)
            {
                world.Record(peer, $"DOWNLOAD no source (LIST_USERS {users.Code}, {others.Count} others)", ok: true);
                return;
            }

            var pick = others[peer.Random.Next(others.Count)];
            var content = await peer.Client.ListContentAsync(peer.Name, pick.Name);
            if (!content.IsOk || content.Files is not { Count: > 0 } files)
            {
                world.Record(peer, $"DOWNLOAD nothing at {pick.Name} (LIST_CONTENT {content.Code})", ok: true);
                return;
            }

            source = new TransportEndPoint(pick.Ip, pick.Port);
            owner = pick.Name;
            file = files[peer.Random.Next(files.Count)].FileName;
        }
        catch (DirectoryUnavailableException e)
        {
            world.Record(peer, $"DOWNLOAD directory unavailable ({e.InnerException?.GetType().Name})", ok: false);
            return;
        }

        var target = Path.Join(peer.DownloadDirectory, $"d{peer.NextDownloadNumber()}-{file}");
        try
        {
            var result = await peer.Downloader.DownloadAsync(source, file, target);
            if (generation != peer.Generation)
            {
                world.Record(peer, $"DOWNLOAD {file} from {owner} finished after a crash (ignored)", ok: false);
                return;
            }

            world.Record(peer, $"DOWNLOAD {file} from {owner}@{source} -> {result.Code} {result.Bytes}B", ok: true);
            Judge(world, peer, owner, file, target, result);
        }
        catch (TransferFailedException e)
        {
            world.Record(peer, $"DOWNLOAD {file} from {owner} failed ({e.InnerException?.GetType().Name})", ok: false);
            if (File.Exists(target))
            {
                world.Violation($"{peer.Name}: a failed download of {file} left a file behind");
            }
        }
    }

    private static void Judge(SimWorld world, SimPeer peer, string owner, string file, string target, DownloadResult result)
    {
        var expected = world.ExpectedContentHash(file);
        if (result.IsOk)
        {
            world.Downloads++;
            var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(target)));
            if (expected is null || actual != expected)
            {
                world.Violation($"{peer.Name}: downloaded {file} from {owner} ({result.Bytes} B, sha {actual[..12]}) " +
                                $"differs from the source (sha {expected?[..12] ?? "none: no such file"})");
            }

            File.Delete(target);
        }
        else if (result.Code == 1 && expected is not null && world.OwnerOf(file) == owner)
        {
            world.Violation($"{peer.Name}: {owner} answered 'no such file' for {file}, which it shares");
        }
        else if (result.Code == 0 || (result.Code != 1 && result.Code != 2))
        {
            world.Violation($"{peer.Name}: GET_FILE {file} from {owner} answered {result.Code}");
        }
    }
}
