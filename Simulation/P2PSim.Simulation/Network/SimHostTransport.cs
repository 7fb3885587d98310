using P2PSim.Transport;

namespace P2PSim.Simulation.Network;

/// <summary>The transport as one simulated host sees it: its listeners bind there, its connections start there.</summary>
internal sealed class SimHostTransport(SimNetwork network, string host) : ITransport
{
    public ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IConnectionListener>(network.Bind(host, endPoint.Port));
    }

    public async ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        await network.ConnectAsync(host, endPoint, cancellationToken);
}
