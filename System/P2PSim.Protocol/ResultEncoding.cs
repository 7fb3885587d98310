namespace P2PSim.Protocol;

/// <summary>
/// How a result code travels on the wire. Classic implementations disagree (spec §1); a server uses one,
/// P2PSim clients accept all three.
/// </summary>
public enum ResultEncoding
{
    /// <summary>The decimal digits, then NUL: <c>30 00</c> for 0. The default.</summary>
    Ascii,

    /// <summary>One raw byte: <c>00</c> for 0 (<c>FF</c> for -1).</summary>
    Byte,

    /// <summary>The decimal digits with no terminator: <c>30</c> for 0.</summary>
    Char,
}
