using System.Buffers;
using P2PSim.Rpc.Xdr;

namespace P2PSim.Rpc.OncRpc;

/// <summary>
/// The body of an <c>AUTH_SYS</c> credential (RFC 5531 appendix A, <c>struct authsys_parms</c>):
/// <c>unsigned int stamp; string machinename&lt;255&gt;; unsigned int uid; unsigned int gid; unsigned int gids&lt;16&gt;;</c>.
/// It identifies the caller; it proves nothing.
/// </summary>
/// <param name="Stamp">An arbitrary id the caller's machine may generate.</param>
/// <param name="MachineName">The caller's host name, at most <see cref="MaxMachineNameBytes"/> bytes.</param>
/// <param name="Uid">The caller's effective user id.</param>
/// <param name="Gid">The caller's effective group id.</param>
/// <param name="Gids">Supplementary group ids, at most <see cref="MaxGids"/>.</param>
public sealed record AuthSysParameters(uint Stamp, string MachineName, uint Uid, uint Gid, IReadOnlyList<uint> Gids)
{
    /// <summary>The bound on <see cref="MachineName"/>: <c>string machinename&lt;255&gt;</c>.</summary>
    public const int MaxMachineNameBytes = 255;

    /// <summary>The bound on <see cref="Gids"/>: <c>unsigned int gids&lt;16&gt;</c>.</summary>
    public const int MaxGids = 16;

    /// <summary>Writes the structure (the credential body, without flavor or length).</summary>
    public void Encode(XdrWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt32(Stamp);
        writer.WriteString(MachineName, MaxMachineNameBytes);
        writer.WriteUInt32(Uid);
        writer.WriteUInt32(Gid);
        writer.WriteArrayLength(Gids.Count, MaxGids);
        foreach (var gid in Gids)
        {
            writer.WriteUInt32(gid);
        }
    }

    /// <summary>Reads the structure, enforcing both bounds.</summary>
    public static AuthSysParameters Decode(ref XdrReader reader)
    {
        var stamp = reader.ReadUInt32();
        var machineName = reader.ReadString(MaxMachineNameBytes);
        var uid = reader.ReadUInt32();
        var gid = reader.ReadUInt32();
        var gids = new uint[reader.ReadArrayLength(MaxGids)];
        for (var i = 0; i < gids.Length; i++)
        {
            gids[i] = reader.ReadUInt32();
        }

        return new AuthSysParameters(stamp, machineName, uid, gid, gids);
    }

    /// <summary>Wraps the encoded structure as an <c>AUTH_SYS</c> <see cref="OpaqueAuth"/>.</summary>
    public OpaqueAuth ToOpaqueAuth()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(new XdrWriter(buffer));
        return new OpaqueAuth(AuthFlavor.Sys, buffer.WrittenMemory);
    }

    /// <summary>
    /// Decodes the body of an <c>AUTH_SYS</c> credential; a different flavor, a malformed body or trailing bytes
    /// throw <see cref="XdrException"/>.
    /// </summary>
    public static AuthSysParameters FromOpaqueAuth(OpaqueAuth auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        if (auth.Flavor != AuthFlavor.Sys)
        {
            throw new XdrException($"The credential flavor is {auth.Flavor}, not AUTH_SYS.");
        }

        var reader = new XdrReader(auth.Body.Span);
        var parameters = Decode(ref reader);
        reader.EnsureAtEnd();
        return parameters;
    }

    /// <summary>Value equality including the group list (a record compares lists by reference).</summary>
    public bool Equals(AuthSysParameters? other) =>
        other is not null && Stamp == other.Stamp && MachineName == other.MachineName && Uid == other.Uid
        && Gid == other.Gid && Gids.SequenceEqual(other.Gids);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Stamp, MachineName, Uid, Gid, Gids.Count);
}
