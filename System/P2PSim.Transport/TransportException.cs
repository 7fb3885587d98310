namespace P2PSim.Transport;

/// <summary>
/// A transport could not bind, resolve, connect or send. <see cref="ITransport.BindAsync"/>,
/// <see cref="ITransport.ConnectAsync"/>, <see cref="IDatagramTransport.BindAsync"/> and
/// <see cref="IDatagramSocket.SendAsync"/> fail with this or a subclass naming the cause, never with a socket
/// type, and the message is one sentence naming the address and what to do, fit for a command line to print as is.
/// It is an <see cref="IOException"/>, so callers that handle I/O failures handle it too.
/// </summary>
public class TransportException : IOException
{
    /// <summary>Creates the exception with a message that says what failed and what to do.</summary>
    public TransportException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TransportException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TransportException(string message)
        : base(message)
    {
    }
}
