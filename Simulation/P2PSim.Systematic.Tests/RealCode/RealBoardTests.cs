using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The real multi-source block board (<see cref="Board.BoardScenario"/>): one holder per block outside the endgame,
/// one credited copy per block in it, and every block done despite a lost connection and a rotten source. And the
/// real downloader around it (<see cref="Board.VerifiedWritesScenario"/>): no block reaches the part file unverified.
/// </summary>
[Trait("Category", "RealCode")]
public sealed class RealBoardTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Theory]
    [InlineData("real-board-one-holder")]
    [InlineData("real-board-endgame")]
    public void Blocks_have_one_holder_outside_the_endgame_and_one_credited_copy_in_it(string scenario)
    {
        var report = _coyote.Explore(scenario, CoyoteRunner.Iterations(RealCodeBudgets.Board));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }

    [Fact]
    public void No_block_is_written_to_the_part_file_before_its_hash_matches_the_manifest()
    {
        var report = _coyote.Explore("real-board-verified-writes", CoyoteRunner.Iterations(RealCodeBudgets.BoardWrites));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }
}
