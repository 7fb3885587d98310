using System.Globalization;
namespace P2PSim.Fixtures;

/// <summary><c>p2psim logd</c> as a child process, ready once it printed <c>l&gt; init log service ip:port …</c>.</summary>
public sealed class LogServiceProcess : IAsyncDisposable
{
    private LogServiceProcess(ChildProcess node, int port, string readyLine)
    {
        Node = node;
        Port = port;
        ReadyLine = readyLine;
    }

    public ChildProcess Node { get; }

    /// <summary>The TCP and UDP port.</summary>
    public int Port { get; }

    /// <summary>The first line, which also says whether it registered with rpcbind.</summary>
    public string ReadyLine { get; }

    /// <summary>Starts <c>p2psim logd -p PORT --store LOG ARGS</c> and waits for its first line.</summary>
    public static async Task<LogServiceProcess> StartAsync(int port, string logPath, params string[] extraArguments)
    {
        var node = ChildProcess.StartP2PSim(["logd", "-p", port.ToString(CultureInfo.InvariantCulture), "--store", logPath, .. extraArguments]);
        try
        {
            var ready = await node.WaitForLineAsync(ReadyLines.LogService(), TimeSpan.FromSeconds(30));
            return new LogServiceProcess(node, int.Parse(ready.Groups["port"].Value, CultureInfo.InvariantCulture), ready.Value);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
