using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The real session client and server (<see cref="Sessions.SessionCallersScenario"/>): concurrent callers on one
/// pipelined session each get the reply to their own request, and every call completes.
/// </summary>
[Trait("Category", "RealCode")]
public sealed class RealSessionTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Fact]
    public void Callers_sharing_one_session_each_get_their_own_replies()
    {
        var report = _coyote.Explore("real-session-callers", CoyoteRunner.Iterations(RealCodeBudgets.Session));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }

    [Fact]
    public void Batches_beside_a_single_caller_each_get_their_own_replies_and_share_the_window()
    {
        var report = _coyote.Explore("real-session-batches", CoyoteRunner.Iterations(RealCodeBudgets.Session));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }
}
