using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The real log sink under concurrent producers (<see cref="Sink.ConcurrentProducersScenario"/>): entries reach the
/// service exactly once, in sequence order, and without any later call to wake the sender. The budgets find each
/// planted sink mutant (ci/mutants/) on every seed.
/// </summary>
[Trait("Category", "RealCode")]
public sealed class RealSinkTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Theory]
    [InlineData("real-sink-producers")]
    [InlineData("real-sink-producers-journal")]
    public void Concurrent_producers_entries_are_delivered_once_in_order_by_the_sinks_own_signalling(string scenario)
    {
        var report = _coyote.Explore(scenario, CoyoteRunner.Iterations(RealCodeBudgets.Sink));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }
}
