namespace P2PSim.Simulation.Network;

/// <summary>Both directions of one simulated connection, and the hosts at its ends (what a crash or reset cuts).</summary>
internal sealed class SimConnectionPair
{
    private readonly SimNetwork _network;
    private int _reset;

    public SimConnectionPair(SimNetwork network, string id, string clientHost, string serverHost, int capacity)
    {
        _network = network;
        Id = id;
        ClientHost = clientHost;
        ServerHost = serverHost;
        ToServer = new SimPipe(network, this, clientHost, serverHost, capacity);
        ToClient = new SimPipe(network, this, serverHost, clientHost, capacity);
    }

    public string Id { get; }

    public SimNetwork Network => _network;

    public string ClientHost { get; }

    public string ServerHost { get; }

    public SimPipe ToServer { get; }

    public SimPipe ToClient { get; }

    public bool IsFinished => ToServer.IsFinished && ToClient.IsFinished;

    public bool Touches(string host) => ClientHost == host || ServerHost == host;

    public void Reset(string reason)
    {
        if (Interlocked.Exchange(ref _reset, 1) != 0)
        {
            return;
        }

        _network.Trace.Add("reset", $"{Id} {ClientHost}<->{ServerHost} ({reason})");
        ToServer.Reset();
        ToClient.Reset();
    }

    public void Poke()
    {
        ToServer.Poke();
        ToClient.Poke();
    }
}
