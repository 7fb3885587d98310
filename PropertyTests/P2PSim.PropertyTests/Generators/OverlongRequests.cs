using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Generators;

/// <summary>Requests with one name field past the 256-byte limit (spec §1: an error, never a crash).</summary>
internal static class OverlongRequests
{
    public static Arbitrary<DirectoryRequest> Arbitrary { get; } = Arb.From(Gen.OneOf(
        TextGenerators.OverlongName.Select(n => (DirectoryRequest)new RegisterRequest(null, n)),
        Gen.Zip(TextGenerators.Timestamp, TextGenerators.OverlongName).Select(t => (DirectoryRequest)new ConnectRequest(t.Item1, t.Item2, 80)),
        Gen.Zip(TextGenerators.OverlongName, TextGenerators.Description).Select(t => (DirectoryRequest)new PublishRequest(null, "ana", t.Item1, t.Item2)),
        TextGenerators.OverlongName.Select(n => (DirectoryRequest)new DeleteRequest(null, "ana", n)),
        TextGenerators.OverlongName.Select(n => (DirectoryRequest)new ListContentRequest(null, "ana", n)),
        TextGenerators.OverlongName.Select(n => (DirectoryRequest)new FindSourcesRequest(null, "ana", n)),
        TextGenerators.OverlongDescription.Select(t => (DirectoryRequest)new SearchRequest(null, "ana", t, 10))));
}
