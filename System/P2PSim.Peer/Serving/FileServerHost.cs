using Microsoft.Extensions.Logging;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.Peer.Serving;

/// <summary>
/// Starts a peer's <see cref="FileServer"/> on a transport: what the shell does between CONNECT and DISCONNECT,
/// and what tests and fixtures call.
/// </summary>
public static class FileServerHost
{
    /// <summary>
    /// Binds <paramref name="endPoint"/> on <paramref name="transport"/> and starts serving
    /// <see cref="FileServerOptions.ShareDirectory"/>. Disposing the result stops accepting, cuts running transfers
    /// at once (their clients see a reset, never a short file that looks complete) and unbinds.
    /// </summary>
    public static Task<RunningServer<FileServer>> StartAsync(
        ITransport transport,
        TransportEndPoint endPoint,
        FileServerOptions options,
        ILogger? logger = null,
        CancellationToken cancellationToken = default) =>
        RunningServer<FileServer>.StartAsync(transport, endPoint, new FileServer(options, logger), cancellationToken);
}
