namespace P2PSim.Transport.InMemory;

internal sealed class InMemoryConnection(TransportEndPoint local, TransportEndPoint remote, InMemoryStream stream)
    : IConnection
{
    public string Id { get; } = ConnectionIds.Next();

    public TransportEndPoint LocalEndPoint { get; } = local;

    public TransportEndPoint RemoteEndPoint { get; } = remote;

    public Stream Stream => stream;

    public void ShutdownOutput() => stream.ShutdownOutput();

    public void Abort()
    {
        stream.Reset();
        stream.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        // Closing is synchronous in memory. (Forwarding Stream.DisposeAsync's ValueTask directly also trips the
        // Coyote rewriter into emitting invalid IL.)
        stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
