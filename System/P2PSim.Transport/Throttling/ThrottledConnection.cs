namespace P2PSim.Transport.Throttling;

/// <summary>An inner connection whose stream is paced.</summary>
internal sealed class ThrottledConnection(IConnection inner, ThrottledStream stream) : IConnection
{
    public string Id => inner.Id;

    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public TransportEndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public Stream Stream => stream;

    public void ShutdownOutput() => inner.ShutdownOutput();

    public void Abort() => inner.Abort();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
