using FsCheck;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Model;
using P2PSim.PropertyTests.Support;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// Proves the model property has teeth: against a deliberately wrong model (LIST_USERS lists disconnected users)
/// it must fail, and shrinking must bring the counterexample down to a handful of operations.
/// </summary>
public sealed class WrongModelDetectionTests(ITestOutputHelper output)
{
    [Fact]
    public void A_model_that_lists_disconnected_users_is_caught_with_a_short_counterexample()
    {
        CommandSequence? shrunk = null;
        var transcript = string.Empty;
        var property = RegistryModelProperties.SessionProperty(
            ServerTarget.InMemory, () => new ListsDisconnectedUsersModel(), (sequence, text) => (shrunk, transcript) = (sequence, text));

        var failure = Assert.ThrowsAny<Exception>(() => Check.One(PropertySettings.Config(PropertySettings.InMemoryCases), property));

        output.WriteLine(PropertySettings.Describe(PropertySettings.InMemoryCases));
        output.WriteLine(failure.Message);
        Assert.NotNull(shrunk);
        Assert.True(shrunk.Commands.Count <= 5, $"shrunk to {shrunk.Commands.Count} operations:\n{transcript}");
        Assert.Contains("MISMATCH", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LIST_USERS", transcript, StringComparison.Ordinal);
    }
}
