namespace P2PSim.Transport;

/// <summary>The system refused the bind: a privileged port (below 1024) without the right to use it, or a policy.</summary>
public sealed class AddressAccessDeniedException : TransportException
{
    /// <summary>Creates the exception with a message that says what failed and what to do.</summary>
    public AddressAccessDeniedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AddressAccessDeniedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AddressAccessDeniedException(string message)
        : base(message)
    {
    }
}
