namespace P2PSim.Transport;

/// <summary>Nothing listens at the address connected to (or its listener refused: backlog full, closing).</summary>
public sealed class ConnectionRefusedException : TransportException
{
    /// <summary>Creates the exception with a message that says what failed and what to do.</summary>
    public ConnectionRefusedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConnectionRefusedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConnectionRefusedException(string message)
        : base(message)
    {
    }
}
