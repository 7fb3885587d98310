namespace P2PSim.Transport.Hosting;

/// <summary>
/// A server that serves the connections of a listener it is handed: the directory server, a peer's file server, the
/// log service. <see cref="RunningServer{TServer}"/> binds the listener, runs this and stops it.
/// </summary>
public interface IConnectionServer
{
    /// <summary>
    /// Accepts and serves connections from <paramref name="listener"/> until <paramref name="stopping"/> is
    /// cancelled or the listener is disposed; then lets running connections finish within the server's own grace
    /// period, cuts the rest and returns once every connection has ended. The caller owns the listener.
    /// </summary>
    Task RunAsync(IConnectionListener listener, CancellationToken stopping);
}
