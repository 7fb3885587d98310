using System.Net;
using System.Net.Sockets;
using P2PSim.Fixtures;

namespace P2PSim.IntegrationTests;

/// <summary>
/// Every kind of bad input on the real executable: refused before anything starts, with exactly one line on stderr
/// saying what is wrong and what to do, no stack trace, nothing on stdout, and exit code 2.
/// </summary>
public sealed class BadInputTests
{
    /// <summary>An existing file, for options that want a folder.</summary>
    private static readonly string AFile = Path.Combine(Path.GetTempPath(), "p2psim-bad-input-a-file");

    /// <summary>A folder that does not exist, for options that want a file inside an existing folder.</summary>
    private const string Missing = "/nonexistent-p2psim-folder";

    private const string Unassignable = "203.0.113.7"; // TEST-NET-3: never an address of this machine

    /// <summary>What is wrong, the command line, a piece of the one line expected on stderr.</summary>
    public static TheoryData<string, string[], string> Rows => new()
    {
        { "port out of range", ["server", "-p", "70000"], "p2psim server: -p '70000' is not a port: give a number from 0 to 65535 (0 picks a free one)" },
        { "port not a number", ["server", "--port", "abc"], "--port 'abc' is not a port" },
        { "host not of this machine", ["server", "--host", Unassignable], $"--host {Unassignable} is not an address of this machine: listen on 127.0.0.1" },
        { "host that does not resolve", ["server", "--host", "no-such-host.invalid", "-p", "0"], "cannot listen on no-such-host.invalid:0" },
        { "negative timeout", ["server", "--request-timeout", "-1"], "--request-timeout '-1' is not a duration: give a number of seconds greater than 0" },
        { "zero timeout", ["server", "--request-timeout", "0"], "--request-timeout '0' is not a duration" },
        { "negative count", ["server", "--max-connections", "-5"], "--max-connections '-5' is out of range: give a whole number of at least 1" },
        { "unknown result encoding", ["server", "--result-encoding", "bin"], "--result-encoding 'bin' is not known: use one of ascii, byte, char" },
        { "unknown list-content shape", ["server", "--list-content", "short"], "--list-content 'short' is not known: use one of described, names" },
        { "list-content shape as a number", ["server", "--list-content", "1"], "--list-content '1' is not known: use one of described, names" },
        { "classic neither on nor off", ["server", "--classic", "no"], "--classic 'no' is not known: use one of on, off" },
        { "registry that is no redis address", ["server", "--registry", "http://127.0.0.1:6379"], "--registry 'http://127.0.0.1:6379' is not a Redis address: give redis://HOST:PORT" },
        { "registry with a bad port", ["server", "--registry", "redis://127.0.0.1:99999"], "--registry 'redis://127.0.0.1:99999' is not a Redis address" },
        { "registry in redis and in a folder both", ["server", "--registry", "redis://127.0.0.1:6379", "--data-dir", Path.GetTempPath()], "--data-dir and --registry both say where the registry lives: give one of them" },
        { "server liveness without a shared registry", ["server", "--server-liveness", "5"], "--server-liveness applies to a registry shared in Redis: give --registry redis://HOST:PORT too" },
        { "server liveness zero", ["server", "--registry", "redis://127.0.0.1:6379", "--server-liveness", "0"], "--server-liveness '0' is not a duration: give a number of seconds greater than 0" },
        { "server data directory that is a file", ["server", "--data-dir", AFile], $"--data-dir '{AFile}' is a file, not a folder" },
        { "sessions neither on nor off", ["server", "--sessions", "maybe"], "--sessions 'maybe' is not known: use one of on, off" },
        { "session window zero", ["server", "--session-window", "0"], "--session-window '0' is out of range: give a whole number from 1 to 65536" },
        { "session idle time zero", ["server", "--session-idle", "0"], "--session-idle '0' is not a duration: give a number of seconds greater than 0" },
        { "session rate not a number", ["server", "--session-rate", "fast"], "--session-rate 'fast' is out of range: give a whole number of at least 1" },
        { "result encoding as a number", ["peer", "--result-encoding", "1"], "--result-encoding '1' is not known: use one of ascii, byte, char" },
        { "unknown log level", ["server", "--log-level", "loud"], "--log-level 'loud' is not known: use one of Verbose, Debug, Information, Warning, Error, Fatal" },
        { "log service port out of range", ["server", "--operation-log", "127.0.0.1:99999"], "--operation-log '127.0.0.1:99999' is not HOST[:PORT] (the port must be a number from 1 to 65535)" },
        { "log service without a host", ["server", "--log-rpc", ":4050"], "--log-rpc ':4050' is not HOST[:PORT] (the host is missing" },
        { "log service under both names", ["server", "--operation-log", "127.0.0.1", "--log-rpc", "127.0.0.1"], "--log-rpc is the earlier name of --operation-log: give only --operation-log" },
        { "journal in a missing folder", ["server", "--operation-journal", $"{Missing}/j"], $"the folder {Missing} does not exist; create it or give another path" },
        { "diagnostics file in a missing folder", ["server", "--log-file", $"{Missing}/d.log"], $"--log-file '{Missing}/d.log': the folder {Missing} does not exist" },
        { "unknown option", ["server", "--frob"], "p2psim server: unknown option or argument '--frob' (see 'p2psim server --help')" },
        { "option without its value", ["server", "--port"], "'--port'" },
        { "directory without a port", ["peer", "--directory", "127.0.0.1"], "--directory '127.0.0.1' is not HOST:PORT (the port is missing): give the directory server's address, e.g. 127.0.0.1:5000" },
        { "directory on port 0", ["peer", "-d", "127.0.0.1:0"], "-d '127.0.0.1:0' is not HOST:PORT (the port must be a number from 1 to 65535)" },
        { "IPv6 directory without brackets", ["get", "f", "--directory", "::1:5000"], "an IPv6 host goes in brackets" },
        { "classic directory port out of range", ["peer", "-p", "70000"], "-p '70000' is not a port: give a number from 1 to 65535" },
        { "classic directory host with a port", ["peer", "-s", "127.0.0.1:5000"], "-s '127.0.0.1:5000' holds a port: give the host alone and the port with -p" },
        { "directory in both spellings", ["peer", "--directory", "127.0.0.1:5000", "-s", "127.0.0.1"], "give the directory either as --directory HOST:PORT or as -s HOST -p PORT, not both" },
        { "peer listen host not of this machine", ["peer", "--listen-host", Unassignable], $"--listen-host {Unassignable} is not an address of this machine" },
        { "time service not a URL", ["peer", "--time-service", "notaurl"], "--time-service 'notaurl' is not an http:// URL: give the time service's address, e.g. http://127.0.0.1:8000/" },
        { "time service not http", ["peer", "--time-service", "ftp://127.0.0.1/"], "--time-service 'ftp://127.0.0.1/' is not an http:// URL" },
        { "unknown stamp", ["peer", "--stamp", "sometimes"], "--stamp 'sometimes' is not known: use one of none, service, local" },
        { "peer transfer limit zero", ["peer", "--max-connections", "0"], "p2psim peer: --max-connections '0' is out of range: give a whole number of at least 1" },
        { "peer idle limit not a number", ["peer", "--max-idle-connections", "many"], "--max-idle-connections 'many' is out of range: give a whole number of at least 1" },
        { "peer per-address limit negative", ["peer", "--max-connections-per-address", "-2"], "--max-connections-per-address '-2' is out of range" },
        { "peer request timeout zero", ["peer", "--request-timeout", "0"], "--request-timeout '0' is not a duration: give a number of seconds greater than 0" },
        { "local stamp with a time service", ["peer", "--stamp", "local", "--time-service", "http://127.0.0.1:8000/"], "--stamp local never asks a time service: drop --time-service, or use --stamp service" },
        { "no stamp with a time service", ["peer", "--stamp", "none", "--time-service", "http://127.0.0.1:8000/"], "--stamp none never asks a time service" },
        { "share folder that is a file", ["peer", "--share", AFile], $"--share '{AFile}' is a file, not a folder: give a folder path" },
        { "get without a file", ["get"], "(see 'p2psim get --help')" },
        { "file name with a blank", ["get", "two words"], "FILE 'two words' is not a file name the directory accepts (it holds a blank or control character)" },
        { "get to a missing folder", ["get", "f", "--out", $"{Missing}/f"], $"--out '{Missing}/f': the folder {Missing} does not exist" },
        { "get onto a folder", ["get", "f", "-o", Path.GetTempPath()], "is a folder: give a file path inside it" },
        { "user name with a blank", ["get", "f", "--as", "a b"], "--as 'a b' is not a user name the directory accepts" },
        { "search without text", ["search"], "(see 'p2psim search --help')" },
        { "search for no hits at all", ["search", "x", "--max", "0"], "--max '0' is out of range: give a whole number of at least 1" },
        { "negative search count", ["search", "x", "--max", "-3"], "--max '-3' is out of range" },
        { "search text too long", ["search", new string('x', 300)], "the search text is longer than 256 bytes: shorten it" },
        { "search directory malformed", ["search", "x", "-d", "host:port"], "-d 'host:port' is not HOST:PORT (the port must be a number from 1 to 65535)" },
        { "time service port out of range", ["timed", "-p", "65536"], "-p '65536' is not a port" },
        { "time service host not of this machine", ["timed", "--host", Unassignable], $"--host {Unassignable} is not an address of this machine" },
        { "time service host name", ["timed", "--host", "example.com"], "--host 'example.com' is not an IP address: give one of this machine's" },
        { "time service URL malformed", ["timed", "--urls", "garbage"], "--urls 'garbage' is not http://IP:PORT: give the address as --host IP --port PORT" },
        { "time service address twice", ["timed", "--urls", "http://127.0.0.1:0", "-p", "1"], "--urls is the earlier spelling of --host and --port: give either, not both" },
        { "log service port negative", ["logd", "-p", "-1"], "-p '-1' is not a port" },
        { "log service host name", ["logd", "--host", "localhost.example"], "--host 'localhost.example' is not an IP address" },
        { "log service host not of this machine", ["logd", "--host", Unassignable], $"--host {Unassignable} is not an address of this machine" },
        { "data directory that is a file", ["logd", "--data-dir", AFile], $"--data-dir '{AFile}' is a file, not a folder" },
        { "store and data directory both", ["logd", "--store", Path.Combine(Path.GetTempPath(), "s.jsonl"), "--data-dir", Path.GetTempPath()], "--store names the store file itself and --data-dir its folder: give one of them" },
        { "store in a missing folder", ["logd", "--store", $"{Missing}/s.jsonl"], $"--store '{Missing}/s.jsonl': the folder {Missing} does not exist" },
        { "store under its earlier name, missing folder", ["logd", "--log-path", $"{Missing}/s.jsonl"], $"--log-path '{Missing}/s.jsonl': the folder {Missing} does not exist" },
        { "demo capture in a missing folder", ["demo", "--capture", $"{Missing}/demo.pcapng"], $"--capture '{Missing}/demo.pcapng': the folder {Missing} does not exist" },
        { "demo capture that is a folder", ["demo", "--capture", Path.GetTempPath()], "is a folder: give a file path inside it" },
        { "negative demo size", ["demo", "--file-size", "-1"], "--file-size '-1' is out of range: give a whole number from 1 to 1048576" },
        { "demo size too large", ["demo", "--file-size", "2000000"], "--file-size '2000000' is out of range" },
        { "demo size not a number", ["demo", "--file-size", "lots"], "--file-size 'lots' is out of range" },
        { "unknown command", ["frob"], "p2psim: unknown command 'frob': use one of server, peer, get, search, timed, logd, demo" },
        { "no command", [], "p2psim: give a command: server, peer, get, search, timed, logd, demo" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Bad_input_gets_one_line_and_exit_code_2(string what, string[] arguments, string expected)
    {
        await File.WriteAllTextAsync(AFile, what);
        await using var process = ChildProcess.StartP2PSim(arguments);

        await AssertRefusedAsync(process, expected);
    }

    [Fact]
    public async Task A_malformed_LOG_RPC_IP_gets_one_line_and_exit_code_2()
    {
        await using var process = ChildProcess.StartP2PSim(new Dictionary<string, string?> { ["LOG_RPC_IP"] = ":bad" }, "server", "-p", "0");

        await AssertRefusedAsync(process, "LOG_RPC_IP=':bad' is not HOST[:PORT] (the host is missing or holds blanks): set it to the log service's address");
    }

    [Theory]
    [InlineData("server", "tcp")]
    [InlineData("logd", "tcp")]
    [InlineData("logd", "udp")] // TCP binds, UDP on the same port does not
    [InlineData("timed", "tcp")]
    public async Task A_port_in_use_gets_one_line_and_exit_code_2(string command, string taken)
    {
        using var occupant = taken == "tcp"
            ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (taken == "tcp")
        {
            occupant.Listen();
        }

        var port = ((IPEndPoint)occupant.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var store = Path.Combine(Path.GetTempPath(), $"p2psim-bad-input-{Guid.NewGuid():N}.jsonl");
        string[] arguments = command == "logd" ? ["logd", "-p", port, "--store", store, "--no-rpcbind"] : [command, "-p", port];
        try
        {
            await using var process = ChildProcess.StartP2PSim(arguments);

            await AssertRefusedAsync(process, $"p2psim {command}: 127.0.0.1:{port} is already in use: pick another --port (0 picks a free one) or stop the process using it");
        }
        finally
        {
            File.Delete(store);
        }
    }

    private static async Task AssertRefusedAsync(ChildProcess process, string expected)
    {
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(50); // let the last output events arrive

        var lines = process.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exit == 2, $"exit code {exit}\n{process.Describe()}");
        Assert.True(lines.Length == 1, $"expected one line on stderr\n{process.Describe()}");
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.StandardError, StringComparison.Ordinal);
        Assert.Empty(process.StandardOutput);
    }
}
