using P2PSim.Transport;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>A peer that publishes the file: its user name (for reports) and where its file server listens.</summary>
public sealed record DownloadSource(string Name, TransportEndPoint EndPoint)
{
    public override string ToString() => $"{Name} ({EndPoint})";
}
