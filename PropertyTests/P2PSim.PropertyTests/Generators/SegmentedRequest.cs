using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Generators;

/// <summary>A request and the offsets at which its encoding is cut into segments.</summary>
internal sealed record SegmentedRequest(DirectoryRequest Request, byte[] Bytes, IReadOnlyList<int> Cuts)
{
    public override string ToString() => $"{Request} cut at [{string.Join(", ", Cuts)}] of {Bytes.Length} bytes";
}
