using P2PSim.Systematic.Tests.RealCode.Histories;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The real <see cref="DirectoryServer.Registry.DirectoryRegistry"/>, lock and LIST_USERS reply cache, explored by
/// Coyote with no copy written for the test: a bug planted in the product itself (ci/mutants/) must fail one of
/// these on every seed (<c>P2PSIM_COYOTE_SEED</c>), while the product explores clean.
/// </summary>
[Trait("Category", "RealCode")]
public sealed class RegistryRealCodeTests(ITestOutputHelper output)
{
    /// <summary>Iterations of the identical-requests rounds; each runs seven rounds of three racers and a reader.</summary>
    public const uint IdenticalRequestsIterations = 150;

    /// <summary>Iterations of the writes beside a reader; five short steps each.</summary>
    public const uint WritesBesideReaderIterations = 100;

    /// <summary>Iterations per generated history; <see cref="HistoryCases.Count"/> histories.</summary>
    public const uint HistoryIterations = 20;

    private readonly CoyoteRunner _coyote = new(output);

    [Fact]
    public void Identical_requests_have_one_winner_every_change_holds_the_write_lock_and_LIST_USERS_follows()
    {
        var report = _coyote.Explore("registry-real-identical-requests", CoyoteRunner.Iterations(IdenticalRequestsIterations));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }

    [Fact]
    public void LIST_USERS_is_exactly_the_connected_users_after_each_write_made_beside_a_reader()
    {
        var report = _coyote.Explore("registry-real-writes-beside-reader", CoyoteRunner.Iterations(WritesBesideReaderIterations));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }

    [Fact]
    public void The_property_tests_concurrent_histories_are_linearizable_over_the_real_registry()
    {
        Assert.Equal(HistoryCases.Count, HistoryCases.All.Count);
        var failures = new List<string>();
        for (var k = 0; k < HistoryCases.Count; k++)
        {
            var report = _coyote.Explore(HistoryCases.Name(k), CoyoteRunner.Iterations(HistoryIterations));
            Assert.Empty(report.UncontrolledInvocations);
            if (report.NumOfFoundBugs > 0)
            {
                failures.Add($"{HistoryCases.Name(k)}: {report.BugReports.First()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
