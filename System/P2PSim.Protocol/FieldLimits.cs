namespace P2PSim.Protocol;

/// <summary>
/// Byte limits of request fields (spec §1). Lengths are counted in UTF-8 bytes, without the terminator.
/// A field longer than its limit is a <see cref="ProtocolException"/> as soon as the limit is passed, so a
/// decoder never buffers more than the sum of the limits.
/// </summary>
public sealed record FieldLimits
{
    /// <summary>The spec's limits.</summary>
    public static FieldLimits Classic { get; } = new();

    /// <summary>Longest user name; the spec says 256.</summary>
    public int UserName { get; init; } = 256;

    /// <summary>Longest file name; the spec says 256.</summary>
    public int FileName { get; init; } = 256;

    /// <summary>Longest description; the spec says 256.</summary>
    public int Description { get; init; } = 256;

    /// <summary>Longest operation name we wait for before calling it unknown (the longest known is 12).</summary>
    public int OperationName { get; init; } = 32;

    /// <summary>Longest numeric field (port, count, size): 20 digits hold any 64-bit value.</summary>
    public int Number { get; init; } = 20;
}
