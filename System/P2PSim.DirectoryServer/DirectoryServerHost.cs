using Microsoft.Extensions.Logging;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.DirectoryServer;

/// <summary>Starts a <see cref="DirectoryServer"/> on a transport: what hosts, fixtures and tests call.</summary>
public static class DirectoryServerHost
{
    /// <summary>
    /// Binds <paramref name="endPoint"/> on <paramref name="transport"/> and starts serving a new in-memory registry
    /// (or <paramref name="registry"/>). Disposing the result stops accepting, drains within
    /// <see cref="DirectoryServerOptions.DrainTimeout"/> and unbinds.
    /// </summary>
    public static Task<RunningServer<DirectoryServer>> StartAsync(
        ITransport transport,
        TransportEndPoint endPoint,
        DirectoryServerOptions? options = null,
        IOperationSink? sink = null,
        ILogger? logger = null,
        IRegistryStore? registry = null,
        CancellationToken cancellationToken = default)
    {
        var server = new DirectoryServer(new DirectoryService(registry ?? new DirectoryRegistry(), sink), options, logger);
        return RunningServer<DirectoryServer>.StartAsync(transport, endPoint, server, cancellationToken);
    }

    /// <summary>What holders of a running directory server inspect.</summary>
    extension(RunningServer<DirectoryServer> running)
    {
        /// <summary>The server's registry.</summary>
        public IRegistryStore Registry => running.Server.Registry;
    }
}
