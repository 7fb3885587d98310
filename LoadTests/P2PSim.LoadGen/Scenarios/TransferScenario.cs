using P2PSim.LoadGen.Engine;
using P2PSim.Peer.Downloads;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// Peer transfers, single source: each iteration downloads one file with P2PSim's <see cref="FileDownloader"/>
/// from a <c>FileServer</c> (GET_FILE over loopback TCP) into the client's own temporary file.
/// </summary>
internal static class TransferScenario
{
    public const string Name = "transfer-single";

    public static Scenario Create(TransportEndPoint peer, string remoteName, long fileBytes, string downloadDirectory)
    {
        var downloader = new FileDownloader(TcpTransport.Instance, idleTimeout: TimeSpan.FromSeconds(5));
        return new Scenario(
            Name,
            $"Single-source GET_FILE of a {fileBytes / 1024:N0} KiB file from a P2PSim FileServer with P2PSim's FileDownloader.",
            async (context, cancellationToken) =>
            {
                var localPath = Path.Combine(downloadDirectory, $"client-{context.ClientId}.bin");
                await context.StepAsync("GET_FILE", async ct =>
                {
                    var result = await downloader.DownloadAsync(peer, remoteName, localPath, ct);
                    return result.IsOk && result.Bytes == fileBytes
                        ? StepOutcome.Success(result.Bytes)
                        : StepOutcome.Failure(result.IsOk ? "short file" : $"code {result.Code}");
                }, cancellationToken);
            });
    }
}
