using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.Simulation.Network;

/// <summary>One end of a simulated connection.</summary>
internal sealed class SimConnection(
    SimConnectionPair pair, TransportEndPoint local, TransportEndPoint remote, SimPipe inbound, SimPipe outbound)
    : IConnection
{
    private readonly InMemoryStream _stream = new(inbound, outbound, blockingAllowed: false);

    public string Id { get; } = pair.Id;

    public TransportEndPoint LocalEndPoint { get; } = local;

    public TransportEndPoint RemoteEndPoint { get; } = remote;

    public Stream Stream => _stream;

    public void ShutdownOutput() => _stream.ShutdownOutput();

    public void Abort()
    {
        if (pair.Network.Blocked(LocalEndPoint.Host, RemoteEndPoint.Host))
        {
            // The reset is lost in the partition, as on a real network: the other end learns of it only from its
            // own timeouts, or from the end of stream that arrives after the heal.
            pair.Network.Trace.Add("reset-lost", $"{pair.Id} aborted by {LocalEndPoint.Host} across a partition");
        }
        else
        {
            pair.Reset("aborted by " + LocalEndPoint.Host);
        }

        _stream.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
