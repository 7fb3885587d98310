using Microsoft.Coyote.Rewriting;
using P2PSim.Peer.Downloads.MultiSource;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// The real multi-source downloader and file servers under Coyote with failing sources: a source stopped at a moment
/// Coyote chooses, and a source serving a rotten copy. The file always arrives intact, every block is counted
/// once, and neither the downloader nor the file server has concurrency Coyote does not control.
/// </summary>
public sealed class MultiSourceDownloaderTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Theory]
    [InlineData("multi-source-stopped-source")]
    [InlineData("multi-source-stopped-and-rotten-sources-memoryaccess")]
    public void The_file_arrives_intact_and_every_block_is_counted_once_when_sources_fail(string scenario)
    {
        Assert.True(RewritingEngine.IsAssemblyRewritten(typeof(MultiSourceDownloader).Assembly), "P2PSim.Peer is not rewritten by Coyote");

        var report = _coyote.Explore(scenario, CoyoteRunner.Iterations(150));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.Equal(0, report.NumOfFoundBugs);
    }

    /// <summary>The rotten source's blocks arrive first: they are rejected and fetched again (CI's real-code set).</summary>
    [Fact]
    [Trait("Category", "RealCode")]
    public void The_rotten_sources_blocks_are_rejected_and_fetched_again_from_good_sources()
    {
        var report = _coyote.Explore("multi-source-stopped-and-rotten-sources", CoyoteRunner.Iterations(RealCode.RealCodeBudgets.Downloader));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }
}
