namespace P2PSim.Rpc.Xdr;

/// <summary>RFC 4506 §3: every item occupies a multiple of four bytes.</summary>
internal static class XdrPadding
{
    /// <summary>The length rounded up to a multiple of four. Callers pass lengths already checked against a bound.</summary>
    public static int Padded(int length) => checked((length + 3) & ~3);
}
