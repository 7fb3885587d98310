using FsCheck;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Model;
using P2PSim.PropertyTests.Planted;
using P2PSim.PropertyTests.Support;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// Proves the model property catches wrong servers: each planted variant (see <see cref="PlantedBugs"/>) must
/// fail it, shrink to at most five operations, and the failure must print the transcript of requests and replies.
/// </summary>
public sealed class PlantedServerDetectionTests(ITestOutputHelper output)
{
    public const int MaxShrunkOperations = 5;

    public static TheoryData<string> SequentialBugs { get; } = [.. PlantedBugs.Sequential.Keys];

    [Theory]
    [MemberData(nameof(SequentialBugs))]
    public void A_planted_wrong_server_is_caught_and_shrunk_to_a_short_transcript(string bug)
    {
        CommandSequence? shrunk = null;
        var transcript = string.Empty;
        var property = RegistryModelProperties.SessionProperty(
            ServerTarget.InMemory,
            () => new DirectoryModel(),
            (sequence, text) => (shrunk, transcript) = (sequence, text),
            HandlerServer.Factory(PlantedBugs.Sequential[bug]));

        var failure = Assert.ThrowsAny<Exception>(() => Check.One(PropertySettings.Config(PropertySettings.InMemoryCases), property));

        output.WriteLine($"{bug}: {PropertySettings.Describe(PropertySettings.InMemoryCases)}");
        output.WriteLine(failure.Message);
        Assert.NotNull(shrunk);
        output.WriteLine($"shrunk to {shrunk.Commands.Count} operations");
        Assert.True(shrunk.Commands.Count <= MaxShrunkOperations, $"shrunk to {shrunk.Commands.Count} operations:\n{transcript}");
        Assert.Contains(transcript, failure.Message, StringComparison.Ordinal);
        Assert.Matches("MISMATCH|final registry differs", transcript);
    }
}
