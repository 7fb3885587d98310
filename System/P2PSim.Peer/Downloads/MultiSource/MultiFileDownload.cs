using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Wire;
using P2PSim.Transport;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// GET_MULTIFILE as one call: asks the directory which connected users publish a file (FIND_SOURCES), then fetches
/// it from all of them at once with a <see cref="MultiSourceDownloader"/>. The classic shell's GET_MULTIFILE and
/// <c>p2psim get</c> both go through here, so they find and use sources the same way; each words the outcome for
/// its own user.
/// </summary>
/// <remarks>
/// A classic directory server does not know FIND_SOURCES: it answers <c>-1</c> or drops the connection. Then the
/// publishers are found the classic way, LIST_USERS and a LIST_CONTENT per connected user, and the same downloader
/// fetches from them: classic peers serve no manifest, so it falls back to a whole-file GET_FILE from one publisher
/// after another (docs/protocol.md §6.4). Once a server has shown it does not know FIND_SOURCES, this instance
/// stops asking it, and says so in the log only the first time.
/// </remarks>
public sealed class MultiFileDownload(DirectoryClient directory, ITransport transport, MultiSourceOptions? options = null, ILogger? logger = null)
{
    private readonly MultiSourceDownloader _downloader = new(transport, options, logger);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private int _classicDirectory;

    /// <summary>
    /// Asks the directory as <paramref name="user"/> (whose own entry is left out of the sources) for the sources of
    /// <paramref name="fileName"/> and downloads it into <paramref name="target"/>. <paramref name="sourcesFound"/>
    /// hears the sources once, before the first request to them; <paramref name="progress"/> hears every verified block.
    /// </summary>
    /// <exception cref="DirectoryUnavailableException">The directory could not be reached or did not answer in time.</exception>
    /// <exception cref="ProtocolException">The directory's reply is malformed.</exception>
    /// <exception cref="MultiSourceFailedException">Every source failed; the verified blocks stay in the part file.</exception>
    public async Task<MultiFileOutcome> DownloadAsync(
        string user,
        string fileName,
        string target,
        IProgress<DownloadProgress>? progress = null,
        Action<IReadOnlyList<DownloadSource>>? sourcesFound = null,
        CancellationToken cancellationToken = default)
    {
        var (code, found) = await FindAsync(user, fileName, cancellationToken);
        if (found is null)
        {
            var status = code == ResultCode.UnknownOperation ? MultiFileStatus.NotSupported : MultiFileStatus.Refused;
            return new MultiFileOutcome(status, code, [], null) { ViaListContent = IsClassicDirectory };
        }

        var sources = found.Select(u => new DownloadSource(u.Name, new TransportEndPoint(u.Ip, u.Port))).ToList();
        if (sources.Count == 0)
        {
            return new MultiFileOutcome(MultiFileStatus.NoSources, code, sources, null) { ViaListContent = IsClassicDirectory };
        }

        sourcesFound?.Invoke(sources);
        var result = await _downloader.DownloadAsync(fileName, sources, target, progress, cancellationToken);
        return new MultiFileOutcome(MultiFileStatus.Downloaded, code, sources, result) { ViaListContent = IsClassicDirectory };
    }

    private bool IsClassicDirectory => Volatile.Read(ref _classicDirectory) != 0;

    /// <summary>The publishers other than <paramref name="user"/>, or null with the directory's refusing code.</summary>
    private async Task<(int Code, IReadOnlyList<UserEntry>? Sources)> FindAsync(string user, string fileName, CancellationToken cancellationToken)
    {
        if (!IsClassicDirectory)
        {
            string reason;
            try
            {
                var reply = await directory.FindSourcesAsync(user, fileName, cancellationToken);
                if (reply.Code != ResultCode.UnknownOperation)
                {
                    return reply.IsOk ? (reply.Code, reply.Users ?? []) : (reply.Code, null);
                }

                reason = "it answered -1, unknown operation";
            }
            catch (Exception e) when (MayBeUnknownOperation(e))
            {
                reason = $"it dropped the request: {e.Message}";
            }

            if (Interlocked.Exchange(ref _classicDirectory, 1) == 0)
            {
                Log.FindSourcesFallback(_logger, reason);
            }
        }

        return await FindByListingAsync(user, fileName, cancellationToken);
    }

    /// <summary>
    /// A classic server that does not know an operation may close or reset the connection instead of answering -1.
    /// A refused connection or a silent server is no sign of that: those stay failures.
    /// </summary>
    private static bool MayBeUnknownOperation(Exception e) =>
        e is ProtocolException ||
        (e is DirectoryUnavailableException { InnerException: not (ConnectionRefusedException or OperationCanceledException or null) });

    /// <summary>The classic way: LIST_USERS, then LIST_CONTENT for each other connected user, keeping those who publish the name.</summary>
    private async Task<(int Code, IReadOnlyList<UserEntry>? Sources)> FindByListingAsync(string user, string fileName, CancellationToken cancellationToken)
    {
        var users = await directory.ListUsersAsync(user, cancellationToken);
        if (!users.IsOk)
        {
            return (users.Code, null);
        }

        var sources = new List<UserEntry>();
        foreach (var other in users.Users ?? [])
        {
            if (other.Name == user)
            {
                continue;
            }

            var content = await directory.ListContentAsync(user, other.Name, cancellationToken);
            if (content.IsOk && (content.Files ?? []).Any(f => f.FileName == fileName))
            {
                sources.Add(other);
            }
        }

        return (users.Code, sources);
    }
}
