namespace P2PSim.Protocol;

/// <summary>
/// Malformed input: an unknown operation, a field over its limit, a missing or invalid field. Decoders throw
/// nothing else for bad bytes. <see cref="Operation"/> is known once the operation name has been read, so a
/// server can answer with that operation's "other error" code; it is null for an unknown operation.
/// </summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProtocolException(string message, Operation? operation = null)
        : base(message) => Operation = operation;

    /// <summary>Creates the exception (for serializers and tooling; prefer the other constructors).</summary>
    public ProtocolException()
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The operation being decoded when the error was found, or null when it was not known yet.</summary>
    public Operation? Operation { get; }
}
