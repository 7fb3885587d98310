namespace P2PSim.Fixtures;

/// <summary><c>p2psim server -p 0</c> as a child process, ready once it printed <c>s&gt; init server ip:port</c>.</summary>
public sealed class DirectoryServerProcess : IAsyncDisposable
{
    private DirectoryServerProcess(ChildProcess node, string host, int port)
    {
        Node = node;
        Host = host;
        Port = port;
    }

    public ChildProcess Node { get; }

    public string Host { get; }

    public int Port { get; }

    public static async Task<DirectoryServerProcess> StartAsync(params string[] extraArguments)
    {
        var node = ChildProcess.StartP2PSim(["server", "-p", "0", .. extraArguments]);
        try
        {
            var ready = await node.WaitForLineAsync(ReadyLines.DirectoryServer(), TimeSpan.FromSeconds(30));
            return new DirectoryServerProcess(node, ready.Groups["host"].Value, int.Parse(ready.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
