namespace P2PSim.Simulation.Network;

/// <summary>How hostile a simulated network is. Every random choice is drawn from the network's seeded generator.</summary>
public sealed record SimNetworkOptions
{
    /// <summary>Shortest one-way latency of a link (each ordered host pair draws its own base latency once).</summary>
    public TimeSpan MinLatency { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Longest base one-way latency of a link.</summary>
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Extra delay drawn per segment, on top of the link's base latency.</summary>
    public TimeSpan MaxJitter { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Chance that a connection attempt is refused (a dropped SYN answered by a reset).</summary>
    public double RefuseProbability { get; init; }

    /// <summary>Chance that a write makes the connection reset when that segment would arrive.</summary>
    public double ResetProbability { get; init; }

    /// <summary>Bytes a connection buffers per direction before a writer waits (the window).</summary>
    public int ChannelCapacity { get; init; } = 64 * 1024;

    /// <summary>Connections a listener queues before refusing more.</summary>
    public int Backlog { get; init; } = 128;
}
