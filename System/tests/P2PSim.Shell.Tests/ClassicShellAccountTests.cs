using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.TestKit;
using P2PSim.Transport.Hosting;

namespace P2PSim.Shell.Tests;

/// <summary>
/// ACCOUNT and LOGIN in the shell (docs/sessions.md §6): the password on its own line, a protected user out of
/// reach of other shells until they log in, and a classic server that has no accounts.
/// </summary>
public sealed class ClassicShellAccountTests : IDisposable
{
    private readonly TempFolder _share = new();

    public void Dispose() => _share.Dispose();

    [Fact]
    public async Task An_account_made_in_one_shell_is_out_of_reach_of_another_until_it_logs_in()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var directory = await StartAsync(network, new DirectoryServerOptions());

        var first = await RunAsync(network, directory, "ACCOUNT alice\ncorrect horse battery\nCONNECT alice\nPUBLISH a.txt mine\nQUIT\n");
        Assert.Equal(
            ["c> password: ACCOUNT OK", "c> CONNECT OK", "c> PUBLISH OK", "c> DISCONNECT OK", "+++ FINISHED +++", string.Empty],
            first.Split('\n'));

        var second = await RunAsync(
            network,
            directory,
            "CONNECT alice\nUNREGISTER alice\nLOGIN alice\nwrong password\nLOGIN bob\ncorrect horse battery\n" +
            "LOGIN alice\ncorrect horse battery\nCONNECT alice\nLIST_CONTENT alice\nQUIT\n");
        Assert.Equal(
            [
                "c> CONNECT FAIL", "c> UNREGISTER FAIL",
                "c> password: LOGIN FAIL, WRONG USER OR PASSWORD", "c> password: LOGIN FAIL, WRONG USER OR PASSWORD",
                "c> password: LOGIN OK", "c> CONNECT OK", "c> LIST_CONTENT OK", "a.txt \"mine\"",
                "c> DISCONNECT OK", "+++ FINISHED +++", string.Empty,
            ],
            second.Split('\n'));
        Assert.True(directory.Server.Registry.Snapshot().Single().Protected);
    }

    [Fact]
    public async Task Against_a_server_without_sessions_ACCOUNT_fails_and_everything_else_works_the_classic_way()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var directory = await StartAsync(network, new DirectoryServerOptions { Sessions = new SessionOptions { Enabled = false } });

        var output = await RunAsync(network, directory, "ACCOUNT alice\ncorrect horse battery\nREGISTER alice\nCONNECT alice\nQUIT\n");

        Assert.Equal(
            ["c> password: ACCOUNT FAIL", "c> REGISTER OK", "c> CONNECT OK", "c> DISCONNECT OK", "+++ FINISHED +++", string.Empty],
            output.Split('\n'));
        Assert.False(directory.Server.Registry.Snapshot().Single().Protected);
    }

    [Fact]
    public async Task The_password_is_read_by_the_secret_reader_when_there_is_one_never_from_the_command_input()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var directory = await StartAsync(network, new DirectoryServerOptions());
        var asked = 0;
        var options = Options(directory) with
        {
            ReadSecret = _ =>
            {
                asked++;
                return Task.FromResult<string?>("from the terminal");
            },
        };
        var output = new StringWriter { NewLine = "\n" };

        var exit = await new ClassicShell(options, network.Transport, new StringReader("ACCOUNT alice\nREGISTER bob\nQUIT\n"), output)
            .RunAsync(TestData.Timeout());

        Assert.Equal(0, exit);
        Assert.Equal(1, asked);
        Assert.Equal(["c> password: ACCOUNT OK", "c> REGISTER FAIL", "c> +++ FINISHED +++", string.Empty], output.ToString().Split('\n'));
    }

    private static Task<RunningServer<DirectoryServer.DirectoryServer>> StartAsync(TestNetwork network, DirectoryServerOptions options) =>
        DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, options with { Accounts = new AccountOptions { Iterations = 1_000 } });

    private ClassicShellOptions Options(RunningServer<DirectoryServer.DirectoryServer> directory) =>
        new(directory.EndPoint, _share.Path)
        {
            DirectoryTimeout = TimeSpan.FromSeconds(5),
            TransferIdleTimeout = TimeSpan.FromSeconds(5),
        };

    private async Task<string> RunAsync(TestNetwork network, RunningServer<DirectoryServer.DirectoryServer> directory, string script)
    {
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(0, await new ClassicShell(Options(directory), network.Transport, new StringReader(script), output).RunAsync(TestData.Timeout()));
        return output.ToString();
    }
}
