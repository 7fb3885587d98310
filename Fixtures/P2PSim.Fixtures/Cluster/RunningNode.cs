using System.Text.RegularExpressions;
using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// One incarnation of a node, from start to stop: a restart makes a new one. <see cref="InProcessNode"/> and
/// <see cref="ProcessNode"/> are the two backends.
/// </summary>
public abstract class RunningNode
{
    private protected RunningNode()
    {
    }

    /// <summary>Where clients reach this incarnation.</summary>
    public abstract TransportEndPoint EndPoint { get; }

    /// <summary>What it printed so far: console lines and diagnostics.</summary>
    public abstract IReadOnlyList<string> Output { get; }

    /// <summary>True once it has been stopped or has crashed or exited.</summary>
    public abstract bool HasStopped { get; }

    /// <summary>Waits for an output line matching <paramref name="pattern"/>; fails with the output past <paramref name="timeout"/>.</summary>
    public abstract Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout);

    /// <summary>What it is and everything it printed, for failure messages.</summary>
    public abstract string Describe();

    /// <summary>Stops it: <paramref name="graceful"/> as an operator would (SIGTERM, drain), else as a crash.</summary>
    internal abstract Task StopAsync(bool graceful, TimeSpan timeout);

    /// <summary>Releases what is left (a child process is killed if still running).</summary>
    internal abstract ValueTask ReleaseAsync();
}
