using System.Globalization;
using P2PSim.Fixtures;

namespace P2PSim.IntegrationTests.Cluster;

/// <summary><c>--parent-pid</c>, which process nodes are started with: a child whose parent is gone stops by itself.</summary>
public sealed class ParentPidTests
{
    [Theory]
    [InlineData("server")]
    [InlineData("logd")]
    public async Task A_service_stops_cleanly_once_its_parent_has_exited(string command)
    {
        await using var parent = ChildProcess.Start("sleep", ["60"]); // a stand-in parent, ended once the child is up
        var pid = parent.Pid.ToString(CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("p2psim-parent-");
        try
        {
            string[] arguments = command == "logd"
                ? ["logd", "-p", "0", "--data-dir", folder.FullName, "--no-rpcbind", "--parent-pid", pid]
                : ["server", "-p", "0", "--operation-journal", Path.Combine(folder.FullName, "j"), "--parent-pid", pid];
            await using var child = ChildProcess.StartP2PSim(arguments);
            await child.WaitForLineAsync(command == "logd" ? ReadyLines.LogService() : ReadyLines.DirectoryServer(), TimeSpan.FromSeconds(30));
            Assert.False(child.HasExited);

            Assert.True(Signals.Send(parent.Pid, Signals.SigKill));
            await parent.WaitForExitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, await child.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_parent_already_gone_stops_it_at_once()
    {
        await using var child = ChildProcess.StartP2PSim("server", "-p", "0", "--parent-pid", int.MaxValue.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, await child.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
