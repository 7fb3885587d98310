namespace P2PSim.TimeService;

/// <summary>The time service could not be reached, did not answer in time, or answered with a SOAP fault.</summary>
public sealed class TimeServiceUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TimeServiceUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TimeServiceUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying failure.</summary>
    public TimeServiceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
