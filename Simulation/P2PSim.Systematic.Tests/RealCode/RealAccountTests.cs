using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The real registry, service and account service (<see cref="Accounts.AccountTakeoverScenario"/>): no anonymous
/// request changes a password-protected user, whatever the interleaving with its creation.
/// </summary>
[Trait("Category", "RealCode")]
public sealed class RealAccountTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Fact]
    public void No_anonymous_request_changes_an_account_created_beside_it()
    {
        var report = _coyote.Explore("real-account-takeover", CoyoteRunner.Iterations(RealCodeBudgets.Accounts));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }
}
