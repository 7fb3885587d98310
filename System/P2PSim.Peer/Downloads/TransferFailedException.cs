using P2PSim.Transport;

namespace P2PSim.Peer.Downloads;

/// <summary>
/// A GET_FILE exchange failed on the network side: the peer was unreachable, went silent, reset the connection or
/// sent something that is not a reply. No local file is left behind when this is thrown.
/// </summary>
public sealed class TransferFailedException : IOException
{
    public TransferFailedException(TransportEndPoint peer, string fileName, string reason, Exception? inner = null)
        : base($"GET_FILE {fileName} from the peer at {peer} failed: {reason}.", inner)
    {
        Peer = peer;
        FileName = fileName;
    }

    public TransferFailedException()
    {
    }

    public TransferFailedException(string message)
        : base(message)
    {
    }

    public TransferFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The peer asked; null only for the serializer-style constructors.</summary>
    public TransportEndPoint? Peer { get; }

    /// <summary>The remote file name asked for.</summary>
    public string? FileName { get; }
}
