using P2PSim.Systematic.Tests.PlantedBugs;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// The real multi-source <c>BlockBoard</c> under the endgame race that <see cref="EndgameCopyCountedTwice"/> plants a
/// bug into: two sources fetch the same block and store their copies; exactly one is credited, every time.
/// </summary>
public sealed class BlockBoardContractTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Fact]
    public void The_real_board_credits_one_endgame_copy_of_each_block()
    {
        var report = _coyote.Explore("block-board-endgame-correct", CoyoteRunner.Iterations(EndgameCopyCountedTwice.Bug.Bound));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.Equal(0, report.NumOfFoundBugs);
    }
}
