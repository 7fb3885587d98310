using P2PSim.Protocol;
using P2PSim.Transport;

namespace P2PSim.Peer;

/// <summary>
/// The directory server could not be reached or did not answer in time. Every network failure of a directory
/// operation surfaces as this one type, so a shell prints its "… FAIL" line and a log gets the reason.
/// </summary>
public sealed class DirectoryUnavailableException : IOException
{
    public DirectoryUnavailableException(TransportEndPoint server, Operation operation, string reason, Exception? inner = null)
        : base($"{operation.WireName()} failed: the directory server at {server} {reason}. " +
               "Check that the server is running and that its address and port are right.", inner)
    {
        Server = server;
        Operation = operation;
    }

    public DirectoryUnavailableException()
    {
    }

    public DirectoryUnavailableException(string message)
        : base(message)
    {
    }

    public DirectoryUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The address that was tried; null only for the serializer-style constructors.</summary>
    public TransportEndPoint? Server { get; }

    /// <summary>The operation that failed.</summary>
    public Operation? Operation { get; }
}
