namespace P2PSim.Rpc.Xdr;

/// <summary>
/// Malformed XDR (RFC 4506): input ending inside an item, non-zero padding, a boolean other than 0 or 1, a
/// string, opaque or array over its declared bound, a string that is not valid UTF-8. It is an
/// <see cref="RpcProtocolException"/>, so RPC code handles both the same way.
/// </summary>
public sealed class XdrException : RpcProtocolException
{
    /// <summary>Creates the exception.</summary>
    public XdrException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception (for serializers and tooling; prefer the other constructors).</summary>
    public XdrException()
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public XdrException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
