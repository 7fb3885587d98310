using Microsoft.Extensions.Logging;
using P2PSim.Protocol.Wire;
using P2PSim.Transport;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// GET_MULTIFILE as one call: asks the directory which connected users publish a file (FIND_SOURCES), then fetches
/// it from all of them at once with a <see cref="MultiSourceDownloader"/>. The classic shell's GET_MULTIFILE and
/// <c>p2psim get</c> both go through here, so they find and use sources the same way; each words the outcome for
/// its own user.
/// </summary>
public sealed class MultiFileDownload(DirectoryClient directory, ITransport transport, MultiSourceOptions? options = null, ILogger? logger = null)
{
    private readonly MultiSourceDownloader _downloader = new(transport, options, logger);

    /// <summary>
    /// Asks the directory as <paramref name="user"/> (whose own entry is left out of the sources) for the sources of
    /// <paramref name="fileName"/> and downloads it into <paramref name="target"/>. <paramref name="sourcesFound"/>
    /// hears the sources once, before the first request to them; <paramref name="progress"/> hears every verified block.
    /// </summary>
    /// <exception cref="DirectoryUnavailableException">The directory could not be reached or did not answer in time.</exception>
    /// <exception cref="Protocol.ProtocolException">The directory's reply is malformed.</exception>
    /// <exception cref="MultiSourceFailedException">Every source failed; the verified blocks stay in the part file.</exception>
    public async Task<MultiFileOutcome> DownloadAsync(
        string user,
        string fileName,
        string target,
        IProgress<DownloadProgress>? progress = null,
        Action<IReadOnlyList<DownloadSource>>? sourcesFound = null,
        CancellationToken cancellationToken = default)
    {
        var reply = await directory.FindSourcesAsync(user, fileName, cancellationToken);
        if (!reply.IsOk)
        {
            var status = reply.Code == ResultCode.UnknownOperation ? MultiFileStatus.NotSupported : MultiFileStatus.Refused;
            return new MultiFileOutcome(status, reply.Code, [], null);
        }

        var sources = (reply.Users ?? []).Select(u => new DownloadSource(u.Name, new TransportEndPoint(u.Ip, u.Port))).ToList();
        if (sources.Count == 0)
        {
            return new MultiFileOutcome(MultiFileStatus.NoSources, reply.Code, sources, null);
        }

        sourcesFound?.Invoke(sources);
        var result = await _downloader.DownloadAsync(fileName, sources, target, progress, cancellationToken);
        return new MultiFileOutcome(MultiFileStatus.Downloaded, reply.Code, sources, result);
    }
}
