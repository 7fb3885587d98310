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
    public void A_planted_wrong_server_is_caught_and_shrunk_to_a_short_transcript(string bug) =>
        CaughtAndShrunk(PlantedBugs.Sequential[bug], bug, MaxShrunkOperations);

    [Fact]
    public void An_ownership_bug_behind_a_checked_caller_is_caught_with_the_six_operations_it_needs() =>
        CaughtAndShrunk(PlantedBugs.SequentialLonger["delete-others-file-for-a-connected-caller"], "delete-others-file-for-a-connected-caller", 6);

    private void CaughtAndShrunk(Func<PlantedHandler> plant, string bug, int maxOperations)
    {
        CommandSequence? shrunk = null;
        var transcript = string.Empty;
        var property = RegistryModelProperties.SessionProperty(
            ServerTarget.InMemory,
            () => new DirectoryModel(),
            (sequence, text) => (shrunk, transcript) = (sequence, text),
            HandlerServer.Factory(plant));

        var failure = Assert.ThrowsAny<Exception>(() => Check.One(PropertySettings.Config(PropertySettings.InMemoryCases), property));

        output.WriteLine($"{bug}: {PropertySettings.Describe(PropertySettings.InMemoryCases)}");
        output.WriteLine(failure.Message);
        Assert.NotNull(shrunk);
        output.WriteLine($"shrunk to {shrunk.Commands.Count} operations");
        Assert.True(shrunk.Commands.Count <= maxOperations, $"shrunk to {shrunk.Commands.Count} operations:\n{transcript}");
        Assert.Contains(transcript, failure.Message, StringComparison.Ordinal);
        Assert.Matches("MISMATCH|final registry differs", transcript);
    }
}
