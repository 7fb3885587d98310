using System.Text.RegularExpressions;
using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// A node hosted in the test process: the real server classes on the cluster's transport. A graceful stop runs the
/// node's own stop (drain, DISCONNECT, flush); a crash first cuts every connection and listener of the node (as a
/// killed process loses its sockets; on the simulated network the host crashes) and then releases the server
/// without its graceful steps.
/// </summary>
public sealed class InProcessNode : RunningNode
{
    private readonly NodeStart _start;
    private readonly Func<bool, Task> _stop;
    private int _stopped;

    /// <param name="start">What the factory was given.</param>
    /// <param name="endPoint">Where the node listens.</param>
    /// <param name="output">Where its console lines and diagnostics went.</param>
    /// <param name="stop">Stops the node; its argument says whether gracefully. Called once.</param>
    public InProcessNode(NodeStart start, TransportEndPoint endPoint, NodeOutput output, Func<bool, Task> stop)
    {
        ArgumentNullException.ThrowIfNull(start);
        _start = start;
        _stop = stop;
        EndPoint = endPoint;
        NodeOutput = output;
    }

    public override TransportEndPoint EndPoint { get; }

    public NodeOutput NodeOutput { get; }

    public override IReadOnlyList<string> Output => NodeOutput.Lines;

    public override bool HasStopped => Volatile.Read(ref _stopped) != 0;

    public override Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout) => NodeOutput.WaitForLineAsync(pattern, timeout);

    public override string Describe() =>
        $"--- {_start.Node.Name} ({_start.Node.Kind}, in process at {EndPoint}):\n{string.Join('\n', Output)}";

    internal override async Task StopAsync(bool graceful, TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        if (!graceful)
        {
            _start.Cluster.Network.Crash(_start.Node.Name);
            if (_start.NodeTransport is { } transport)
            {
                await transport.CrashAsync();
            }
        }

        try
        {
            await _stop(graceful).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_start.Node.Name} did not stop within {timeout}.\n{Describe()}");
        }
    }

    internal override ValueTask ReleaseAsync() => ValueTask.CompletedTask;
}
