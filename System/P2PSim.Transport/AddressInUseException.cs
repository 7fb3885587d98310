namespace P2PSim.Transport;

/// <summary>The address to bind is already in use (by another process, or another listener in this one).</summary>
public sealed class AddressInUseException : TransportException
{
    /// <summary>Creates the exception with a message that says what failed and what to do.</summary>
    public AddressInUseException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AddressInUseException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AddressInUseException(string message)
        : base(message)
    {
    }
}
