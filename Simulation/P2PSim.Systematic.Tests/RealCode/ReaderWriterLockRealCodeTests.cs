using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The real <see cref="DirectoryServer.Registry.MonitorReaderWriterLock"/> under Coyote: mutual exclusion with
/// memory-access race checking, and writer preference as a liveness property (a writer is never starved by readers).
/// </summary>
[Trait("Category", "RealCode")]
public sealed class ReaderWriterLockRealCodeTests(ITestOutputHelper output)
{
    public const uint ExclusionIterations = 200;

    public const uint StarvationIterations = 40;

    private readonly CoyoteRunner _coyote = new(output);

    [Fact]
    public void A_writer_is_alone_and_readers_never_sit_beside_a_writer()
    {
        var report = _coyote.Explore("rwlock-real-exclusion", CoyoteRunner.Iterations(ExclusionIterations));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }

    [Fact]
    public void A_stream_of_readers_does_not_starve_a_waiting_writer()
    {
        var report = _coyote.Explore("rwlock-real-writer-not-starved", CoyoteRunner.Iterations(StarvationIterations));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }
}
