namespace P2PSim.Fixtures;

/// <summary>
/// Debian's <c>tshark</c> with P2PSim's dissector (System/P2PSim.Wireshark/p2psim.lua) loaded, reading a capture
/// file: the rows of chosen fields for the packets a display filter keeps. Heuristics run before port tables and
/// ONC-RPC decodes unknown programs, as docs/wireshark.md tells users to set.
/// </summary>
public static class Tshark
{
    /// <summary>The dissector in the repository.</summary>
    public static string Dissector => Path.Combine(RepositoryPaths.Root, "System", "P2PSim.Wireshark", "p2psim.lua");

    /// <summary>
    /// One row per packet that <paramref name="filter"/> keeps, one cell per field; a field that occurs several
    /// times in a packet (several PDUs in one segment) has its values joined by '|'.
    /// </summary>
    public static async Task<IReadOnlyList<string[]>> FieldsAsync(string capture, string filter, params string[] fields)
    {
        List<string> arguments =
        [
            "-r", capture, "-n", "-Y", filter, "-T", "fields", "-E", "separator=/t", "-E", "aggregator=|", "-E", "occurrence=a",
        ];
        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        var output = await RunAsync(arguments);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t'))];
    }

    /// <summary>The P2PSim messages (one per PDU, several per packet when pipelined) of the packets <paramref name="filter"/> keeps.</summary>
    public static async Task<IReadOnlyList<DissectedPdu>> PdusAsync(string capture, string filter) =>
        DissectedPdu.FromJson(await RunAsync(["-r", capture, "-n", "-Y", filter, "-T", "json", "--no-duplicate-keys", "-J", "p2psim"]));

    /// <summary>How many packets <paramref name="filter"/> keeps.</summary>
    public static async Task<int> CountAsync(string capture, string filter) => (await FieldsAsync(capture, filter, "frame.number")).Count;

    /// <summary>The full text dissection (<c>-V</c>) of the packets <paramref name="filter"/> keeps.</summary>
    public static Task<string> DescribeAsync(string capture, string filter) => RunAsync(["-r", capture, "-n", "-Y", filter, "-V"]);

    private static async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        List<string> all =
        [
            "-X", "lua_script:" + Dissector, "-o", "tcp.try_heuristic_first:TRUE", "-o", "rpc.dissect_unknown_programs:TRUE", .. arguments,
        ];
        await using var tshark = ChildProcess.Start("tshark", all);
        var exitCode = await tshark.WaitForExitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(50); // the last output lines
        // tshark reports Lua errors on stderr without failing; a dissector error is a test failure too.
        var errors = tshark.StandardError.Split('\n').Where(line => line.Length > 0 && !line.StartsWith("Running as user", StringComparison.Ordinal)).ToArray();
        if (exitCode != 0 || errors.Length > 0)
        {
            throw new InvalidOperationException("tshark failed (ci/setup.sh installs it).\n" + tshark.Describe());
        }

        return string.Join('\n', tshark.StandardOutput);
    }
}
