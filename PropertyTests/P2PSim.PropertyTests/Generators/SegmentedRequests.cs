using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Generators;

/// <summary>Requests with random cut points (shrinking drops cuts).</summary>
internal static class SegmentedRequests
{
    public static Arbitrary<SegmentedRequest> Arbitrary { get; } = Arb.From(
        from request in RequestGenerators.Request
        let bytes = DirectoryRequestEncoder.ToArray(request)
        from cuts in Gen.ArrayOf(Gen.Choose(0, bytes.Length))
        select new SegmentedRequest(request, bytes, cuts),
        s => s.Cuts.Select((_, i) => s with { Cuts = [.. s.Cuts.Take(i), .. s.Cuts.Skip(i + 1)] }));
}
