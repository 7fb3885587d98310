using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The registry journal's group commit under Coyote (<see cref="Journal.GroupCommitScenario"/>): acknowledged
/// records are flushed and recovered in order, rotation loses nothing, and a failing disk faults waiters instead
/// of leaving them hanging.
/// </summary>
[Trait("Category", "RealCode")]
public sealed class RealJournalTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Theory]
    [InlineData("journal-group-commit", false)]
    [InlineData("journal-group-commit-disk-full", true)]
    public void Acknowledged_records_are_durable_and_no_wait_hangs(string name, bool fault)
    {
        var report = _coyote.Run(
            name,
            CoyoteRunner.Configure(CoyoteRunner.Iterations(200), RaceChecking.MemoryAccess),
            () => Journal.GroupCommitScenario.RunAsync(operations: 3, recordsEach: 2, fault));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }

    [Fact]
    public void Every_change_answered_before_a_power_cut_survives_it_across_compactions()
    {
        var report = _coyote.Run(
            "durable-store-power-cut",
            CoyoteRunner.Configure(CoyoteRunner.Iterations(200), RaceChecking.Synchronization),
            () => Journal.DurableStoreScenario.RunAsync(clients: 2, compactEvery: 2));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }
}
