using System.Net.Sockets;
using P2PSim.Fixtures;

namespace P2PSim.IntegrationTests;

/// <summary>
/// With an rpcbind running, <c>p2psim logd</c> registers its TCP and UDP ports on start and unregisters on SIGTERM,
/// so libtirpc clients that look the program up (here <c>rpcinfo -t/-u</c>) find it. Starts rpcbind (Debian's,
/// installed by ci/setup.sh) in the foreground when none runs, and stops it afterwards.
/// </summary>
public sealed class RpcbindTests
{
    private const string Program = "537198853"; // 0x20050105, p2psim_log.x

    [Fact]
    public async Task Logd_registers_with_rpcbind_and_unregisters_on_stop()
    {
        await using var rpcbind = PortmapperListening() ? null : ChildProcess.Start(Sbin("rpcbind"), ["-f", "-w"]);
        await WaitForPortmapperAsync();

        var journal = Path.Combine(Path.GetTempPath(), $"p2psim-logd-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using var logd = await LogServiceProcess.StartAsync(0, journal);
            Assert.EndsWith("registered with rpcbind", logd.ReadyLine, StringComparison.Ordinal);

            foreach (var transport in new[] { "-t", "-u" })
            {
                var (exitCode, output) = await RpcinfoAsync(transport, "127.0.0.1", Program, "1");
                Assert.True(exitCode == 0, output);
                Assert.Contains("ready and waiting", output, StringComparison.Ordinal);
            }

            Assert.Equal(0, await logd.Node.StopAsync(TimeSpan.FromSeconds(15)));
            var (_, afterStop) = await RpcinfoAsync("-p", "127.0.0.1");
            Assert.DoesNotContain(Program, afterStop, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(journal);
        }
    }

    private static async Task<(int ExitCode, string Output)> RpcinfoAsync(params string[] arguments)
    {
        await using var rpcinfo = ChildProcess.Start(Sbin("rpcinfo"), arguments);
        var exitCode = await rpcinfo.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, string.Join("\n", rpcinfo.StandardOutput) + rpcinfo.StandardError);
    }

    /// <summary>Debian installs these in /usr/sbin, which a non-login PATH may lack.</summary>
    private static string Sbin(string tool) => File.Exists("/usr/sbin/" + tool) ? "/usr/sbin/" + tool : tool;

    private static bool PortmapperListening()
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect("127.0.0.1", 111);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task WaitForPortmapperAsync()
    {
        for (var i = 0; i < 100 && !PortmapperListening(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(PortmapperListening(), "rpcbind did not start listening on 127.0.0.1:111 (ci/setup.sh installs Debian's rpcbind).");
    }
}
