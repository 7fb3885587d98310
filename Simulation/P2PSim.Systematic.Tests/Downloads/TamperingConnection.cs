using P2PSim.Transport;

namespace P2PSim.Systematic.Tests.Downloads;

/// <summary>A server-side connection whose large writes are tampered with (<see cref="TamperingTransport"/>).</summary>
internal sealed class TamperingConnection(IConnection inner, Task? holdUntil) : IConnection
{
    public string Id => inner.Id;

    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public TransportEndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public Stream Stream { get; } = new TamperingStream(inner.Stream, holdUntil);

    public void ShutdownOutput() => inner.ShutdownOutput();

    public void Abort() => inner.Abort();

    // Awaited rather than passed through: Coyote's rewrite of the pass-through form is an invalid program (1.7.11).
    public async ValueTask DisposeAsync() => await inner.DisposeAsync();
}
