using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace P2PSim.Fixtures;

/// <summary>
/// Debian's <c>redis-server</c> (installed by ci/setup.sh) as a child process on 127.0.0.1, with no persistence
/// unless asked for, ready once it logged that it accepts connections. Redis cannot bind port 0 and report it, so
/// the fixture picks a free port first.
/// </summary>
public sealed partial class RedisServerProcess : IAsyncDisposable
{
    private RedisServerProcess(ChildProcess node, int port)
    {
        Node = node;
        Port = port;
    }

    public ChildProcess Node { get; }

    public int Port { get; }

    /// <summary>Where P2PSim's <c>--registry</c> finds it.</summary>
    public string Url => $"redis://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public DnsEndPoint EndPoint => new("127.0.0.1", Port);

    /// <summary>Starts a server; <paramref name="port"/> 0 picks a free one (pass the old port to restart "the same" server).</summary>
    public static async Task<RedisServerProcess> StartAsync(int port = 0, params string[] extraArguments)
    {
        port = port == 0 ? FreePort() : port;
        var node = ChildProcess.Start(
            "redis-server",
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", .. extraArguments]);
        try
        {
            await node.WaitForLineAsync(Ready(), TimeSpan.FromSeconds(30));
            return new RedisServerProcess(node, port);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex("Ready to accept connections")]
    private static partial Regex Ready();
}
