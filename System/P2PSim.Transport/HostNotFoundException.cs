namespace P2PSim.Transport;

/// <summary>A host name did not resolve to any address, or is not a valid host name at all.</summary>
public sealed class HostNotFoundException : TransportException
{
    /// <summary>Creates the exception with a message that says what failed and what to do.</summary>
    public HostNotFoundException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public HostNotFoundException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public HostNotFoundException(string message)
        : base(message)
    {
    }
}
