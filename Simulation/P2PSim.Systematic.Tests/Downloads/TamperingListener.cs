using P2PSim.Transport;

namespace P2PSim.Systematic.Tests.Downloads;

/// <summary>Hands out accepted connections whose large writes are tampered with (<see cref="TamperingTransport"/>).</summary>
internal sealed class TamperingListener(IConnectionListener inner, Task? holdUntil) : IConnectionListener
{
    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default) =>
        await inner.AcceptAsync(cancellationToken) is { } connection ? new TamperingConnection(connection, holdUntil) : null;

    // Awaited rather than passed through: Coyote's rewrite of the pass-through form is an invalid program (1.7.11).
    public async ValueTask DisposeAsync() => await inner.DisposeAsync();
}
