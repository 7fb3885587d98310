using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>A connection of a <see cref="NodeTransport"/>, forgotten again once disposed.</summary>
internal sealed class NodeConnection(NodeTransport node, IConnection inner) : IConnection
{
    public string Id => inner.Id;

    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public TransportEndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public Stream Stream => inner.Stream;

    public void ShutdownOutput() => inner.ShutdownOutput();

    public void Abort() => inner.Abort();

    public async ValueTask DisposeAsync()
    {
        node.Forget(this);
        await inner.DisposeAsync();
    }
}
