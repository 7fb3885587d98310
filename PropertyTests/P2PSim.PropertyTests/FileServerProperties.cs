using FsCheck;
using FsCheck.Fluent;
using P2PSim.PropertyTests.PeerServing;
using P2PSim.PropertyTests.Support;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// The real file server (extensions §2) against <see cref="PeerModel"/>: random pipelines of GET_MANIFEST and
/// GET_RANGE (valid and invalid ranges, stale versions, unsafe names, a trailing GET_FILE) on one connection to a
/// share of a few files (empty, one byte, exactly one block…). Replies come in order, valid ranges are exactly the
/// file's bytes, the first non-zero code is the documented one and ends the connection, and nothing outside the
/// share is ever served. A failure prints the shrunk pipeline as a transcript.
/// </summary>
public sealed class FileServerProperties(ITestOutputHelper output)
{
    [Fact]
    public void Pipelined_extension_requests_match_the_model()
    {
        var cases = PropertySettings.PeerCases;
        output.WriteLine($"in-memory file server: {PropertySettings.Describe(cases)}");
        Check.One(PropertySettings.Config(cases), Prop.ForAll(PeerCaseGenerators.Arbitrary, c =>
        {
            var outcome = PeerExchangeRunner.Run(c);
            return outcome.Passed.Label(outcome.Transcript);
        }));
    }

    public static TheoryData<string> FixedPipelines { get; } =
    [
        "GET_RANGE a.bin Current 9223372036854775807 1",
        "GET_RANGE a.bin Current 9223372036837998593 16777216",
        "GET_MANIFEST a.bin; GET_RANGE a.bin Current 0 1; GET_RANGE a.bin Current 1 1",
    ];

    [Theory]
    [MemberData(nameof(FixedPipelines))]
    public void A_fixed_pipeline_matches_the_model(string script)
    {
        var commands = script.Split(';', StringSplitOptions.TrimEntries).Select(ParseCommand).ToList();
        var outcome = PeerExchangeRunner.Run(new PeerCase([new SharedFile("a.bin", 10, 1), new SharedFile("é.dat", 0, 2)], commands));
        output.WriteLine(outcome.Transcript);
        Assert.True(outcome.Passed, outcome.Transcript);
    }

    private static PeerCommand ParseCommand(string text)
    {
        var parts = text.Split(' ');
        return parts.Length == 2
            ? new PeerCommand(parts[0], parts[1])
            : new PeerCommand(parts[0], parts[1], Enum.Parse<VersionKind>(parts[2]), long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture));
    }
}
