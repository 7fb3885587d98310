using P2PSim.Transport;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>A server-side connection that completes <paramref name="closed"/> once the server disposed it (<see cref="ServerCloseWatch"/>).</summary>
internal sealed class WatchedConnection(IConnection inner, TaskCompletionSource closed) : IConnection
{
    public string Id => inner.Id;

    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public TransportEndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public Stream Stream => inner.Stream;

    public void ShutdownOutput() => inner.ShutdownOutput();

    public void Abort() => inner.Abort();

    // Awaited rather than passed through: Coyote's rewrite of the pass-through form is an invalid program (1.7.11).
    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        closed.TrySetResult();
    }
}
