using P2PSim.Systematic.Tests.PlantedBugs;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// The planted bugs' scenarios against the correct code explore clean with the same race checking: a found
/// planted bug is the bug, not an artefact of the scenario.
/// </summary>
public sealed class CorrectVariantTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Fact]
    public void The_block_scheduler_that_checks_assignments_counts_every_block_once()
    {
        var report = _coyote.Explore("block-scheduler-correct", CoyoteRunner.Iterations(BlockCountedTwice.Bug.Bound));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.Equal(0, report.NumOfFoundBugs);
    }

    /// <summary>The reader-beside-writer scenario with the product lock, under control-flow race checking.</summary>
    [Fact]
    public void The_product_lock_keeps_LIST_USERS_from_seeing_a_torn_DISCONNECT()
    {
        var report = _coyote.Explore("reader-beside-writer-correct", CoyoteRunner.Iterations(ReaderBesideWriter.Bug.Bound));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.Equal(0, report.NumOfFoundBugs);
    }
}
