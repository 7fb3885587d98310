namespace P2PSim.Transport;

/// <summary>Nothing listens at the address connected to.</summary>
public sealed class ConnectionRefusedException : IOException
{
    /// <summary>Creates the exception.</summary>
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

/// <summary>The address to bind is already in use.</summary>
public sealed class AddressInUseException : IOException
{
    /// <summary>Creates the exception.</summary>
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
