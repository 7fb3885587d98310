using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// Presence (docs/sessions.md §7) through the real server, sessions and registry: a lost session's expiry racing a
/// resume, a DISCONNECT and a reader (<see cref="Presence.PresenceRaceScenario"/>), and a heartbeat racing an
/// orderly DISCONNECT and the cut after it (<see cref="Presence.HeartbeatDisconnectScenario"/>), a server stopped
/// with a session open (<see cref="Presence.StopWithSessionOpenScenario"/>), and the client's resume racing its own
/// DISCONNECT (<see cref="Presence.ResumeBesideDisconnectScenario"/>).
/// </summary>
[Trait("Category", "RealCode")]
public sealed class RealPresenceTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Fact]
    public void A_lost_sessions_expiry_never_undoes_a_resume_nor_disconnects_twice()
    {
        var report = _coyote.Explore("real-presence-race", CoyoteRunner.Iterations(RealCodeBudgets.Presence));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }

    [Fact]
    public void A_heartbeat_beside_an_orderly_disconnect_leaves_one_disconnect_and_no_grace()
    {
        var report = _coyote.Explore("real-presence-heartbeat-disconnect", CoyoteRunner.Iterations(RealCodeBudgets.PresenceHeartbeat));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }

    [Fact]
    public void A_server_stopped_with_a_session_open_stops_and_leaves_the_user_orphaned()
    {
        var report = _coyote.Explore("real-presence-server-stop", CoyoteRunner.Iterations(RealCodeBudgets.PresenceStop));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }

    [Theory]
    [InlineData("real-presence-client-resume")]
    [InlineData("real-presence-client-resume-after-loss")]
    public void A_clients_resume_never_undoes_its_own_disconnect(string scenario)
    {
        var report = _coyote.Explore(scenario, CoyoteRunner.Iterations(RealCodeBudgets.PresenceResume));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.True(report.NumOfFoundBugs == 0, report.BugReports.FirstOrDefault());
    }
}
