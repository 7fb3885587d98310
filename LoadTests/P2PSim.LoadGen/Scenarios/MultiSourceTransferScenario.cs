using P2PSim.LoadGen.Engine;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// Peer transfers, multi-source: each iteration downloads one file from every source at once with P2PSim's
/// <see cref="MultiSourceDownloader"/> (GET_MANIFEST, pipelined GET_RANGE, SHA-256 per block and of the whole file)
/// into the client's own file.
/// </summary>
internal static class MultiSourceTransferScenario
{
    public static Scenario Create(string name, IReadOnlyList<DownloadSource> sources, string remoteName, long fileBytes, string downloadDirectory)
    {
        var downloader = new MultiSourceDownloader(TcpTransport.Instance, new MultiSourceOptions { BlockTimeout = TimeSpan.FromSeconds(5) });
        return new Scenario(
            name,
            $"Multi-source download of a {fileBytes / 1024:N0} KiB file from {sources.Count} P2PSim FileServers at once, every block verified.",
            async (context, cancellationToken) =>
            {
                var localPath = Path.Combine(downloadDirectory, $"multi-client-{context.ClientId}.bin");
                await context.StepAsync("GET_MULTIFILE", async ct =>
                {
                    try
                    {
                        var result = await downloader.DownloadAsync(remoteName, sources, localPath, null, ct);
                        return result.Size == fileBytes ? StepOutcome.Success(result.Size) : StepOutcome.Failure("wrong size");
                    }
                    catch (MultiSourceFailedException e)
                    {
                        return StepOutcome.Failure(e.Message);
                    }
                }, cancellationToken);
            });
    }
}
