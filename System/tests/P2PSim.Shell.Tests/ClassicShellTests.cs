using P2PSim.DirectoryServer;
using P2PSim.Peer;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Shell.Tests.Infrastructure;
using P2PSim.TestKit;
using P2PSim.Transport.Hosting;

namespace P2PSim.Shell.Tests;

/// <summary>Whole console sessions against a real in-process directory server, checked line for line.</summary>
public sealed class ClassicShellTests : IDisposable
{
    private readonly TempFolder _share = new();

    public void Dispose() => _share.Dispose();

    [Fact]
    public async Task A_scripted_session_prints_the_spec_lines_for_every_command_and_error()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var other = new DirectoryClient(network.Transport, server.EndPoint);
        _share.Write("hello.txt", "hi"u8.ToArray());
        var tooLong = new string('x', 300);
        var port = 0;
        var input = new ScriptReader()
            .Lines("register alice", "REGISTER alice", "REGISTER", "FOO bar", "", "LIST_USERS", "UNREGISTER ghost", "CONNECT ghost")
            .Lines($"CONNECT {tooLong}", "CONNECT alice")
            .Then(() => port = server.Registry.Snapshot().Single(u => u.Name == "alice").Port)
            .Lines("CONNECT alice", "CONNECT bob", "PUBLISH hello.txt  A friendly   greeting", "PUBLISH hello.txt again")
            .Lines("DELETE nothing.txt", "LIST_USERS", "LIST_CONTENT alice", "LIST_CONTENT ghost")
            .Lines($"PUBLISH other.txt {tooLong}", $"DELETE {tooLong}", $"LIST_CONTENT {tooLong}")
            .Lines($"REGISTER {tooLong}", $"UNREGISTER {tooLong}", $"DISCONNECT {tooLong}")
            .Then(() => other.DisconnectAsync("alice")) // the directory forgets alice's connection behind the shell's back
            .Lines("PUBLISH b.txt x", "DELETE hello.txt", "LIST_USERS", "LIST_CONTENT alice")
            .Then(() => other.UnregisterAsync("alice"))
            .Lines("PUBLISH b.txt x", "DELETE hello.txt", "LIST_USERS", "LIST_CONTENT alice", "DISCONNECT alice")
            .Lines("REGISTER alice", "DISCONNECT alice", "CONNECT alice", "DISCONNECT alice", "UNREGISTER alice", "QUIT");
        var (exit, output) = await RunShellAsync(network, server, input);

        var expected = new Transcript()
            .Prompt("REGISTER OK")
            .Prompt("USERNAME IN USE")
            .Prompt("Syntax error. Usage: REGISTER <userName>")
            .Prompt("Error: command FOO not valid.")
            .Prompt()
            .Prompt("LIST_USERS FAIL, USER NOT CONNECTED")
            .Prompt("USER DOES NOT EXIST")
            .Prompt("CONNECT FAIL, USER DOES NOT EXIST")
            .Prompt("CONNECT FAIL")
            .Prompt("CONNECT OK")
            .Prompt("USER ALREADY CONNECTED")
            .Prompt("CONNECT FAIL")
            .Prompt("PUBLISH OK")
            .Prompt("PUBLISH FAIL, CONTENT ALREADY PUBLISHED")
            .Prompt("DELETE FAIL, CONTENT NOT PUBLISHED")
            .Prompt("LIST_USERS OK", $"alice 127.0.0.1 {port}")
            .Prompt("LIST_CONTENT OK", "hello.txt \"A friendly   greeting\"")
            .Prompt("LIST_CONTENT FAIL, REMOTE USER DOES NOT EXIST")
            .Prompt("PUBLISH FAIL")
            .Prompt("DELETE FAIL")
            .Prompt("LIST_CONTENT FAIL")
            .Prompt("REGISTER FAIL")
            .Prompt("UNREGISTER FAIL")
            .Prompt("DISCONNECT FAIL")
            .Prompt("PUBLISH FAIL, USER NOT CONNECTED")
            .Prompt("DELETE FAIL, USER NOT CONNECTED")
            .Prompt("LIST_USERS FAIL, USER NOT CONNECTED")
            .Prompt("LIST_CONTENT FAIL, USER NOT CONNECTED")
            .Prompt("PUBLISH FAIL, USER DOES NOT EXIST")
            .Prompt("DELETE FAIL, USER DOES NOT EXIST")
            .Prompt("LIST_USERS FAIL, USER DOES NOT EXIST")
            .Prompt("LIST_CONTENT FAIL, USER DOES NOT EXIST")
            .Prompt("DISCONNECT FAIL / USER DOES NOT EXIST")
            .Prompt("REGISTER OK")
            .Prompt("DISCONNECT FAIL / USER NOT CONNECTED")
            .Prompt("CONNECT OK")
            .Prompt("DISCONNECT OK")
            .Prompt("UNREGISTER OK")
            .Prompt("+++ FINISHED +++");
        Assert.Equal(expected.ToString(), output);
        Assert.Equal(0, exit);
        Assert.NotEqual(0, port);
        Assert.Empty(server.Registry.Snapshot());
    }

    [Fact]
    public async Task A_piped_script_ends_with_FINISHED()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);

        var (exit, output) = await RunShellAsync(network, server, new StringReader("REGISTER alice\nQUIT\n"));

        Assert.Equal(0, exit);
        Assert.Equal("c> REGISTER OK\nc> +++ FINISHED +++\n", output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Quit_and_end_of_input_disconnect_the_user_and_stop_its_file_server(bool typedQuit)
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var port = 0;
        var input = new ScriptReader().Lines("REGISTER alice", "CONNECT alice")
            .Then(() => port = server.Registry.Snapshot().Single().Port);
        if (typedQuit)
        {
            input.Line("quit");
        }

        var (exit, output) = await RunShellAsync(network, server, input);

        Assert.Equal(0, exit);
        Assert.Equal("c> REGISTER OK\nc> CONNECT OK\nc> DISCONNECT OK\n+++ FINISHED +++\n", output);
        Assert.False(Assert.Single(server.Registry.Snapshot()).Connected);
        await Assert.ThrowsAnyAsync<IOException>(async () =>
            await network.Transport.ConnectAsync(new P2PSim.Transport.TransportEndPoint("127.0.0.1", port)));
    }

    [Fact]
    public async Task Cancelling_the_shell_still_disconnects_its_user()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        using var cancel = new CancellationTokenSource();
        var input = new ScriptReader().Lines("REGISTER alice", "CONNECT alice")
            .Then(async ct =>
            {
                await cancel.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct); // a user who types nothing more
            });
        var output = new StringWriter();
        var shell = new ClassicShell(Options(server), network.Transport, input, output);

        var exit = await shell.RunAsync(cancel.Token);

        Assert.Equal(ClassicShell.CancelledExitCode, exit);
        Assert.False(Assert.Single(server.Registry.Snapshot()).Connected);
    }

    [Fact]
    public async Task Cancelling_ends_the_session_even_when_console_input_ignores_the_token()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        using var cancel = new CancellationTokenSource();
        var never = new TaskCompletionSource();
        var input = new ScriptReader().Lines("REGISTER alice", "CONNECT alice")
            .Then(async _ =>
            {
                await cancel.CancelAsync();
                await never.Task; // like Console.In: a started read does not watch the token
            });

        var exit = await new ClassicShell(Options(server), network.Transport, input, new StringWriter()).RunAsync(cancel.Token);

        Assert.Equal(ClassicShell.CancelledExitCode, exit);
        Assert.False(Assert.Single(server.Registry.Snapshot()).Connected);
    }

    [Fact]
    public async Task Requests_carry_the_time_services_stamp()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var sink = new RecordingOperationSink();
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, sink: sink);
        var options = Options(server) with { Timestamps = _ => ValueTask.FromResult<string?>("01/01/2025 00:00:01") };

        var output = new StringWriter();
        await new ClassicShell(options, network.Transport, new StringReader("REGISTER alice\n"), output).RunAsync(TestData.Timeout());

        Assert.Equal("01/01/2025 00:00:01", Assert.Single(sink.Records).Timestamp);
    }

    [Fact]
    public async Task A_directory_that_is_down_prints_FAIL_and_the_shell_goes_on()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var nowhere = await network.UnusedEndPointAsync();
        var output = new StringWriter();
        var input = new StringReader("REGISTER alice\nUNREGISTER alice\nCONNECT alice\nDISCONNECT alice\nQUIT\n");

        var exit = await new ClassicShell(new ClassicShellOptions(nowhere, _share.Path), network.Transport, input, output)
            .RunAsync(TestData.Timeout());

        Assert.Equal(0, exit);
        Assert.Equal(
            "c> REGISTER FAIL\nc> UNREGISTER FAIL\nc> CONNECT FAIL\nc> DISCONNECT FAIL\nc> +++ FINISHED +++\n",
            output.ToString());
    }

    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task GET_FILE_copies_a_file_between_two_shells(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        using var bobShare = new TempFolder();
        using var outside = new TempFolder();
        outside.Write("secret.txt", "secret"u8.ToArray());
        var content = TestData.Bytes((2 * 1024 * 1024) + 5, seed: 11);
        _share.Write("big.bin", content);
        var aliceReady = new TaskCompletionSource();
        var bobDone = new TaskCompletionSource();

        var alice = new ScriptReader()
            .Lines("REGISTER alice", "CONNECT alice", "PUBLISH big.bin some random bytes")
            .Then(async () =>
            {
                aliceReady.SetResult();
                await bobDone.Task;
            })
            .Line("QUIT");
        var bob = new ScriptReader()
            .Then(() => aliceReady.Task)
            .Lines("REGISTER bob", "GET_FILE alice big.bin early.bin", "CONNECT bob", "LIST_CONTENT alice")
            .Lines("GET_FILE alice big.bin copy.bin", "GET_FILE alice missing.bin missing.bin", "GET_FILE alice ../secret.txt secret.txt")
            .Lines("GET_FILE ghost big.bin ghost.bin", $"GET_FILE alice big.bin {Path.Combine(outside.Path, "absolute.bin")}")
            .Then(() => bobDone.SetResult())
            .Line("QUIT");

        var aliceRun = RunShellAsync(network, server, alice, _share.Path);
        var bobRun = RunShellAsync(network, server, bob, bobShare.Path);
        var results = await Task.WhenAll(new[] { aliceRun, bobRun });

        Assert.Equal(
            "c> REGISTER OK\nc> CONNECT OK\nc> PUBLISH OK\nc> DISCONNECT OK\n+++ FINISHED +++\n",
            results[0].Output);
        var expectedBob = new Transcript()
            .Prompt("REGISTER OK")
            .Prompt("GET_FILE FAIL") // no connected user to look alice up as
            .Prompt("CONNECT OK")
            .Prompt("LIST_CONTENT OK", "big.bin \"some random bytes\"")
            .Prompt("GET_FILE OK")
            .Prompt("GET_FILE FAIL / FILE NOT EXIST")
            .Prompt("GET_FILE FAIL")
            .Prompt("GET_FILE FAIL")
            .Prompt("GET_FILE OK")
            .Prompt("DISCONNECT OK", "+++ FINISHED +++");
        Assert.Equal(expectedBob.ToString(), results[1].Output);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(bobShare.Path, "copy.bin")));
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(outside.Path, "absolute.bin")));
        Assert.Equal(["copy.bin"], bobShare.FileNames);
    }

    private ClassicShellOptions Options(RunningServer<P2PSim.DirectoryServer.DirectoryServer> server, string? share = null) =>
        new(server.EndPoint, share ?? _share.Path)
        {
            DirectoryTimeout = TimeSpan.FromSeconds(5),
            TransferIdleTimeout = TimeSpan.FromSeconds(5),
        };

    private async Task<(int Exit, string Output)> RunShellAsync(
        TestNetwork network, RunningServer<P2PSim.DirectoryServer.DirectoryServer> server, TextReader input, string? share = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var exit = await new ClassicShell(Options(server, share), network.Transport, input, output).RunAsync(TestData.Timeout());
        return (exit, output.ToString());
    }
}
