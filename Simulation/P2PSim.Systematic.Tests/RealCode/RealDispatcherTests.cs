using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The real connection dispatcher (<see cref="Dispatcher.DispatcherScenario"/>): its limit holds while connections
/// come and go, its count drains back to zero, and its drain returns only after every handler has ended.
/// </summary>
[Trait("Category", "RealCode")]
public sealed class RealDispatcherTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Theory]
    [InlineData("real-dispatcher-churn")]
    [InlineData("real-dispatcher-drain")]
    public void The_limit_holds_and_the_drain_awaits_every_handler(string scenario)
    {
        var report = _coyote.Explore(scenario, CoyoteRunner.Iterations(RealCodeBudgets.Dispatcher));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }
}
