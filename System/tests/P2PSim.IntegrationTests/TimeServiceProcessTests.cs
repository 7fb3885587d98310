using System.Text.RegularExpressions;
using P2PSim.Fixtures;
using P2PSim.TimeService;

namespace P2PSim.IntegrationTests;

/// <summary><c>p2psim timed</c> as a process, and peers that keep working whether it runs or not.</summary>
public sealed partial class TimeServiceProcessTests
{
    [Fact]
    public async Task Timed_serves_the_time_and_stops_cleanly()
    {
        await using var timed = ChildProcess.StartP2PSim("timed", "-p", "0");
        var ready = await timed.WaitForLineAsync(ReadyLine(), TimeSpan.FromSeconds(30));
        // The service's first call pays for its JIT; on a loaded CI machine that can pass the client's 2 s default.
        using var client = new TimeServiceClient(new Uri(ready.Groups["url"].Value), TimeSpan.FromSeconds(20));

        var stamp = await client.GetTimestampAsync();

        Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$", stamp);
        Assert.Equal(0, await timed.StopAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Zeep_and_WCF_clients_call_every_operation_name_of_timed()
    {
        // The names classic clients call (spec, variants), all answered by the real process with the same shape.
        await using var timed = ChildProcess.StartP2PSim("timed", "-p", "0");
        var url = new Uri((await timed.WaitForLineAsync(ReadyLine(), TimeSpan.FromSeconds(30))).Groups["url"].Value);

        var zeepClient = Path.Combine(RepositoryPaths.Root, "System", "tests", "P2PSim.TimeService.Tests", "interop", "zeep_client.py");
        // The Debian python3-zeep package, as P2PSim.TimeService.Tests finds it (a python3 earlier on PATH may lack it).
        var python = Environment.GetEnvironmentVariable("P2PSIM_PYTHON") is { Length: > 0 } chosen ? chosen : "/usr/bin/python3";
        await using var zeep = ChildProcess.Start(python, ["-u", zeepClient, new Uri(url, "?wsdl").ToString()]);
        var exitCode = await zeep.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exitCode == 0, zeep.Describe() + "\n" + timed.Describe());
        Assert.Equal(TimeServiceContract.Operations, zeep.StandardOutput.Select(line => line.Split(' ')[0]));
        Assert.All(zeep.StandardOutput, line => Assert.Matches(@"^\w+ \d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$", line));

        foreach (var operation in TimeServiceContract.Operations)
        {
            using var client = new TimeServiceClient(url, TimeSpan.FromSeconds(20), operation);
            Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$", await client.GetTimestampAsync());
        }

        Assert.Equal(0, await timed.StopAsync(TimeSpan.FromSeconds(15)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Peer_with_a_time_service_works_whether_it_is_up_or_down(bool up)
    {
        await using var server = await DirectoryServerProcess.StartAsync();
        await using var timed = ChildProcess.StartP2PSim("timed", "-p", "0");
        var url = (await timed.WaitForLineAsync(ReadyLine(), TimeSpan.FromSeconds(30))).Groups["url"].Value;
        if (!up)
        {
            await timed.StopAsync(TimeSpan.FromSeconds(15));
        }

        var share = Directory.CreateTempSubdirectory("p2psim-peer-");
        try
        {
            await using var peer = ChildProcess.StartP2PSim(
                "peer", "-s", server.Host, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--share", share.FullName, "--time-service", url);
            await peer.WriteLineAsync("REGISTER stamped");
            await peer.WriteLineAsync("REGISTER stamped");
            await peer.WriteLineAsync("QUIT");

            Assert.True(await peer.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, peer.Describe());
            var output = string.Join("\n", peer.StandardOutput);
            Assert.Contains("c> REGISTER OK", output, StringComparison.Ordinal);
            Assert.Contains("c> USERNAME IN USE", output, StringComparison.Ordinal);
            var downNotices = Regex.Matches(peer.StandardError, "stamping locally").Count;
            Assert.Equal(up ? 0 : 1, downNotices);
        }
        finally
        {
            share.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Peer_picks_up_a_time_service_started_late()
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}/";
        await using var server = await DirectoryServerProcess.StartAsync();
        var share = Directory.CreateTempSubdirectory("p2psim-peer-");
        try
        {
            await using var peer = ChildProcess.StartP2PSim(
                "peer", "-s", server.Host, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--share", share.FullName, "--time-service", url, "--log-level", "Information");
            await peer.WriteLineAsync("REGISTER early");
            await peer.WaitForLineAsync(RegisterOk(), TimeSpan.FromSeconds(30));

            await using var timed = ChildProcess.StartP2PSim("timed", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await timed.WaitForLineAsync(ReadyLine(), TimeSpan.FromSeconds(30));
            await peer.WriteLineAsync("REGISTER late");
            await peer.WriteLineAsync("QUIT");

            Assert.True(await peer.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, peer.Describe());
            Assert.Equal(2, peer.StandardOutput.Count(l => l.Contains("REGISTER OK", StringComparison.Ordinal)));
            Assert.Contains("stamping locally", peer.StandardError, StringComparison.Ordinal);
            Assert.Contains("is back", peer.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            share.Delete(recursive: true);
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex("REGISTER OK")]
    private static partial Regex RegisterOk();

    [GeneratedRegex(@"^t> time service at (?<url>http://\S+) ")]
    private static partial Regex ReadyLine();
}
