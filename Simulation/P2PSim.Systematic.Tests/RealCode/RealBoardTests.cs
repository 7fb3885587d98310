using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The real multi-source block board (<see cref="Board.BoardScenario"/>): one holder per block outside the endgame,
/// one credited copy per block in it, and every block done despite a lost connection and a rotten source.
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
}
