namespace P2PSim.Rpc;

/// <summary>
/// Malformed ONC-RPC input: a bad record-marking header, a fragment or record over its bound, an unknown message
/// type or status, a credential over 400 bytes. The decoders in this library throw nothing else for bad bytes
/// (<see cref="Xdr.XdrException"/>, for malformed XDR, derives from it), so a server can catch this one type per
/// connection or datagram.
/// </summary>
public class RpcProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RpcProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception (for serializers and tooling; prefer the other constructors).</summary>
    public RpcProtocolException()
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public RpcProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
