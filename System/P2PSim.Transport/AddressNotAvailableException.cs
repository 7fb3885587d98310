namespace P2PSim.Transport;

/// <summary>
/// The address to bind is not one of this machine's (such as 192.0.2.1 on a host without it), or its address family
/// is not supported here (such as ::1 without IPv6).
/// </summary>
public sealed class AddressNotAvailableException : TransportException
{
    /// <summary>Creates the exception with a message that says what failed and what to do.</summary>
    public AddressNotAvailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AddressNotAvailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AddressNotAvailableException(string message)
        : base(message)
    {
    }
}
