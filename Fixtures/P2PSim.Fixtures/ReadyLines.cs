using System.Text.RegularExpressions;

namespace P2PSim.Fixtures;

/// <summary>
/// The first stdout line of each p2psim service, which says it is listening and where: the parent waits for it
/// instead of polling ports. These are the classic console lines (spec §5, §7), so no extra line is printed for
/// harnesses. Each has the groups <c>host</c> and <c>port</c>.
/// </summary>
public static partial class ReadyLines
{
    /// <summary><c>s&gt; init server 127.0.0.1:54321</c> (<c>p2psim server</c>).</summary>
    [GeneratedRegex(@"^s> init server (?<host>[^\s]+):(?<port>\d+)$")]
    public static partial Regex DirectoryServer();

    /// <summary><c>l&gt; init log service 127.0.0.1:54321 tcp+udp program … , no rpcbind</c> (<c>p2psim logd</c>).</summary>
    [GeneratedRegex(@"^l> init log service (?<host>[^\s]+):(?<port>\d+) .*$")]
    public static partial Regex LogService();

    /// <summary><c>t&gt; time service at http://127.0.0.1:54321/ (WSDL …)</c> (<c>p2psim timed</c>).</summary>
    [GeneratedRegex(@"^t> time service at http://(?<host>[^\s:/]+):(?<port>\d+)/ .*$")]
    public static partial Regex TimeService();
}
