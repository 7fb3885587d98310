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
        Reason = reason;
    }

    /// <summary>A session with the server failed (docs/sessions.md); every call waiting on it gets this.</summary>
    public DirectoryUnavailableException(TransportEndPoint server, string reason, Exception? inner = null)
        : base($"The directory session failed: the server at {server} {reason}. " +
               "Check that the server is running and that its address and port are right.", inner)
    {
        Server = server;
        Reason = reason;
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

    /// <summary>The operation that failed; null for a session's failure.</summary>
    public Operation? Operation { get; }

    /// <summary>What the server did wrong, as the message words it after the server's address.</summary>
    public string? Reason { get; }
}
