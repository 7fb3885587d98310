using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>How a peer node is set up.</summary>
public sealed class PeerNodeOptions
{
    /// <summary>The directory node it registers and connects at; null for the cluster's only directory.</summary>
    public string? Directory { get; set; }

    /// <summary>Its user name at the directory; the node's name when null.</summary>
    public string? UserName { get; set; }

    /// <summary>The folder it serves; <c>share</c> in the node's data folder when null.</summary>
    public string? Share { get; set; }

    /// <summary>Files of the share it publishes (name, description) once connected.</summary>
    public IList<(string FileName, string Description)> Publish { get; } = [];

    /// <summary>Wraps the transport its file server listens on (a throttle, say).</summary>
    public Func<ITransport, ITransport>? WrapServingTransport { get; set; }
}
