using P2PSim.Transport;

namespace P2PSim.Systematic.Tests.Downloads;

/// <summary>A server-side connection whose large writes are corrupted (<see cref="CorruptingTransport"/>).</summary>
internal sealed class CorruptingConnection(IConnection inner) : IConnection
{
    public string Id => inner.Id;

    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public TransportEndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public Stream Stream { get; } = new CorruptingStream(inner.Stream);

    public void ShutdownOutput() => inner.ShutdownOutput();

    public void Abort() => inner.Abort();

    // Awaited rather than passed through: Coyote's rewrite of the pass-through form is an invalid program (1.7.11).
    public async ValueTask DisposeAsync() => await inner.DisposeAsync();
}
