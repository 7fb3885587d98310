namespace P2PSim.Protocol.Sessions;

/// <summary>
/// A byte stream that is no longer a valid session: framing is lost, so the session ends with a
/// <see cref="SessionFrameKind.Close"/> frame carrying <see cref="Code"/>. A malformed request inside a well-formed
/// frame is not this: it is a <see cref="ProtocolException"/>, answered with the operation's error code.
/// </summary>
public sealed class SessionProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionProtocolException(SessionCloseCode code, string message)
        : base(message) => Code = code;

    /// <summary>Creates the exception (for serializers and tooling; prefer the other constructors).</summary>
    public SessionProtocolException()
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public SessionProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The code the session is closed with.</summary>
    public SessionCloseCode Code { get; } = SessionCloseCode.Malformed;
}
