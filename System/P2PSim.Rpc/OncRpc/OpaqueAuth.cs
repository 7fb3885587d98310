using P2PSim.Rpc.Xdr;

namespace P2PSim.Rpc.OncRpc;

/// <summary>
/// <c>opaque_auth</c> (RFC 5531 §8.2): a flavor and up to 400 bytes of body, used for both the credential and the
/// verifier of a call and the verifier of an accepted reply.
/// </summary>
/// <param name="Flavor">The authentication flavor.</param>
/// <param name="Body">The flavor-specific body, at most <see cref="MaxBodyBytes"/> bytes.</param>
public sealed record OpaqueAuth(AuthFlavor Flavor, ReadOnlyMemory<byte> Body)
{
    /// <summary>The bound on the body: <c>opaque body&lt;400&gt;</c>.</summary>
    public const int MaxBodyBytes = 400;

    /// <summary><c>AUTH_NONE</c> with an empty body: what P2PSim sends and answers with.</summary>
    public static OpaqueAuth None { get; } = new(AuthFlavor.None, ReadOnlyMemory<byte>.Empty);

    /// <summary>Writes the flavor and the body.</summary>
    public void Encode(XdrWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteEnum((int)Flavor);
        writer.WriteVariableOpaque(Body.Span, MaxBodyBytes);
    }

    /// <summary>Reads a flavor and a body of at most 400 bytes; the body is copied out of the reader's buffer.</summary>
    public static OpaqueAuth Decode(ref XdrReader reader)
    {
        var flavor = (AuthFlavor)reader.ReadEnum();
        var body = reader.ReadVariableOpaque(MaxBodyBytes);
        return flavor == AuthFlavor.None && body.IsEmpty ? None : new OpaqueAuth(flavor, body.ToArray());
    }
}
