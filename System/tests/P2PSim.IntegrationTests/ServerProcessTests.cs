using System.Text.RegularExpressions;
using P2PSim.Fixtures;
using P2PSim.Fixtures.Cluster;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;
using Xunit.Abstractions;

namespace P2PSim.IntegrationTests;

/// <summary>The server console of spec §5 and a clean stop on SIGINT/SIGTERM, on the real executable.</summary>
public sealed partial class ServerProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Console_prints_init_line_then_one_line_per_operation()
    {
        await using var cluster = await new ClusterBuilder().WithOutput(output.WriteLine).AddDirectory("dir", NodeBackend.Process).StartAsync();
        var server = (ProcessNode)cluster["dir"].Current!;
        Assert.Matches(@"^s> init server 127\.0\.0\.1:\d+$", server.Process.StandardOutput[0]);

        Assert.Equal("0\0", await RawClassicClient.Loopback(server.EndPoint.Port).SendTextAsync("REGISTER\0alice\0"));
        Assert.Equal("1\0", await RawClassicClient.Loopback(server.EndPoint.Port).SendTextAsync("REGISTER\024/11/2026 20:30:00\0alice\0"));
        Assert.Equal("0\0", await RawClassicClient.Loopback(server.EndPoint.Port).SendTextAsync("REGISTER\0bob\0"));

        await server.WaitForOutputAsync(BobRegistered(), TimeSpan.FromSeconds(10));
        Assert.Equal(2, server.Process.StandardOutput.Count(l => l == "s> OPERATION REGISTER FROM alice"));
    }

    [Theory]
    [InlineData(Signals.SigTerm)]
    [InlineData(Signals.SigInt)]
    public async Task Stops_cleanly_on_signal(int signal)
    {
        await using var server = await DirectoryServerProcess.StartAsync();
        Signals.Send(server.Node.Pid, signal);
        Assert.Equal(0, await server.Node.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Port_in_use_is_a_clear_error()
    {
        await using var first = await DirectoryServerProcess.StartAsync();
        await using var second = ChildProcess.StartP2PSim("server", "-p", first.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("already in use", second.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_classic_off_and_a_small_window_only_sessions_are_served_on_the_advertised_terms()
    {
        await using var server = await DirectoryServerProcess.StartAsync("--classic", "off", "--session-window", "4", "--session-idle", "20");
        var address = new TransportEndPoint("127.0.0.1", server.Port);

        Assert.Equal("2\0", await RawClassicClient.Loopback(server.Port).SendTextAsync("REGISTER\0alice\0"));
        await using var session = await RawSession.OpenAsync(TcpTransport.Instance, address);
        Assert.Equal(new SessionTerms(1, 833, 4, 5, 20), session.Terms);
        Assert.Equal(0, (await session.SendAsync(1, new RegisterRequest(null, "alice"))).Code);
    }

    [GeneratedRegex("^s> OPERATION REGISTER FROM bob$")]
    private static partial Regex BobRegistered();
}
