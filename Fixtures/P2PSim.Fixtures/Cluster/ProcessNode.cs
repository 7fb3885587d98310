using System.Globalization;
using System.Text.RegularExpressions;
using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// A node run as the real <c>p2psim</c> executable. It binds the port it is given (0 on the first start), prints its
/// ready line, which the parent parses for the address (no port polling), and gets <c>--parent-pid</c> so it stops
/// by itself if the test runner dies. A graceful stop is SIGTERM, a crash SIGKILL. Output is captured throughout.
/// </summary>
public sealed class ProcessNode : RunningNode
{
    private ProcessNode(ChildProcess process, TransportEndPoint endPoint, string readyLine)
    {
        Process = process;
        EndPoint = endPoint;
        ReadyLine = readyLine;
    }

    /// <summary>The child process, for signals and its exit code.</summary>
    public ChildProcess Process { get; }

    public override TransportEndPoint EndPoint { get; }

    /// <summary>The line that said it was ready.</summary>
    public string ReadyLine { get; }

    /// <summary>The exit code once stopped: 0 after a clean stop.</summary>
    public int? ExitCode { get; private set; }

    public override IReadOnlyList<string> Output => [.. Process.StandardOutput, .. Lines(Process.StandardError)];

    public override bool HasStopped => Process.HasExited;

    /// <summary>
    /// Starts <c>p2psim ARGS --parent-pid PID</c> and waits for <paramref name="readyLine"/> (groups <c>host</c>,
    /// <c>port</c>) within the cluster's readiness timeout; fails with the child's output.
    /// </summary>
    /// <param name="start">What the node's factory was given.</param>
    /// <param name="readyLine">The line that says the node is ready and where it listens.</param>
    /// <param name="arguments">The command line after <c>p2psim</c>.</param>
    /// <param name="input">Lines written to its stdin once started (a shell's commands); stdin stays open.</param>
    /// <param name="workingDirectory">Where it runs; the test's current folder when null.</param>
    public static async Task<ProcessNode> StartAsync(
        NodeStart start, Regex readyLine, IEnumerable<string> arguments, IEnumerable<string>? input = null, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(readyLine);
        if (start.Cluster.Transport != ClusterTransport.Tcp)
        {
            throw new NotSupportedException($"{start.Node.Name}: process nodes run on real sockets; the cluster is on {start.Cluster.Transport}.");
        }

        var process = ChildProcess.Start(
            "dotnet", [RepositoryPaths.P2PSimDll, .. arguments, "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)], workingDirectory);
        try
        {
            foreach (var line in input ?? [])
            {
                await process.WriteLineAsync(line);
            }

            var ready = await process.WaitForLineAsync(readyLine, start.Cluster.ReadyTimeout);
            var endPoint = new TransportEndPoint(ready.Groups["host"].Value, int.Parse(ready.Groups["port"].Value, CultureInfo.InvariantCulture));
            return new ProcessNode(process, endPoint, ready.Value);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await process.DisposeAsync();
            throw new TimeoutException($"{start.Node.Name} ({start.Node.Kind}) did not get ready: {e.Message}", e);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public override async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout) => await Process.WaitForLineAsync(pattern, timeout);

    public override string Describe() => Process.Describe();

    internal override async Task StopAsync(bool graceful, TimeSpan timeout) =>
        ExitCode = graceful ? await Process.StopAsync(timeout) : await Process.KillAsync(timeout);

    internal override ValueTask ReleaseAsync() => Process.DisposeAsync();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
