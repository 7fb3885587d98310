namespace P2PSim.PropertyTests.Generators;

/// <summary>Bytes and the offsets at which they are cut into segments.</summary>
internal sealed record SegmentedBytes(byte[] Bytes, IReadOnlyList<int> Cuts)
{
    public override string ToString() => $"{Bytes.Length} bytes cut at [{string.Join(", ", Cuts)}]";
}
