using P2PSim.Fixtures;

namespace P2PSim.IntegrationTests;

/// <summary>
/// A classic client (Fixtures/classic, Python, one connection per operation) runs the spec's whole table against
/// <c>p2psim server</c>: every result code, list replies, and a GET_FILE between two classic peers.
/// </summary>
public sealed class ClassicInteropTests
{
    [Theory]
    [InlineData("ascii", false)]
    [InlineData("ascii", true)]
    [InlineData("byte", false)]
    [InlineData("byte", true)]
    [InlineData("char", false)]
    [InlineData("char", true)]
    public async Task Classic_python_client_passes_the_spec_table(string encoding, bool timestamps)
    {
        await using var server = await DirectoryServerProcess.StartAsync("--result-encoding", encoding);
        string[] arguments = ["--host", server.Host, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--encoding", encoding];
        if (timestamps)
        {
            arguments = [.. arguments, "--timestamps"];
        }

        var (exitCode, run) = await PythonScript.RunAsync(
            Path.Combine(RepositoryPaths.ClassicClients, "interop_scenario.py"), arguments, TimeSpan.FromMinutes(2));
        await using (run)
        {
            Assert.True(exitCode == 0, run.Describe() + "\n" + server.Node.Describe());
            Assert.Contains(run.StandardOutput, line => line.EndsWith(", 0 failed", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The same table with the variants classic implementations have (spec, last section; docs/protocol.md §7): a
    /// timestamp of another shape, CONNECT with the client's IP, a client that reads LIST_CONTENT names only.
    /// </summary>
    [Theory]
    [InlineData("ascii", "--timestamp-shape ymd", "")]
    [InlineData("byte", "--timestamp-shape ymd-dash", "")]
    [InlineData("ascii", "--timestamp-shape time-dmy", "")]
    [InlineData("char", "--timestamp-shape time-ymd-dash", "")]
    [InlineData("ascii", "--connect-ip", "")]
    [InlineData("ascii", "--list-content names", "--list-content names")]
    [InlineData("char", "--list-content names", "--list-content names")]
    [InlineData("ascii", "--list-content described", "--list-content described")]
    [InlineData("byte", "--timestamp-shape dmy-dash --connect-ip --list-content names", "--list-content names")]
    public async Task Classic_python_client_with_a_variant_passes_the_spec_table(string encoding, string clientVariant, string serverVariant)
    {
        await using var server = await DirectoryServerProcess.StartAsync(["--result-encoding", encoding, .. Words(serverVariant)]);
        string[] arguments =
        [
            "--host", server.Host, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--encoding", encoding, .. Words(clientVariant),
        ];

        var (exitCode, run) = await PythonScript.RunAsync(
            Path.Combine(RepositoryPaths.ClassicClients, "interop_scenario.py"), arguments, TimeSpan.FromMinutes(2));
        await using (run)
        {
            Assert.True(exitCode == 0, run.Describe() + "\n" + server.Node.Describe());
            Assert.Contains(run.StandardOutput, line => line.EndsWith(", 0 failed", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_client_written_for_one_list_content_shape_misreads_the_other()
    {
        // What the option is for: without it, a names-only client fails on P2PSim's default pairs.
        await using var server = await DirectoryServerProcess.StartAsync();
        string[] arguments =
        [
            "--host", server.Host, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--list-content", "names",
        ];

        var (exitCode, run) = await PythonScript.RunAsync(
            Path.Combine(RepositoryPaths.ClassicClients, "interop_scenario.py"), arguments, TimeSpan.FromMinutes(2));
        await using (run)
        {
            Assert.True(exitCode == 1, run.Describe());
            Assert.Contains(run.StandardOutput, line => line.StartsWith("FAIL LIST_CONTENT", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task P2PSim_peer_shell_reads_a_names_only_list()
    {
        // Sessions off: the peer then speaks the classic protocol, as against a classic names-only server (a session
        // reply always carries descriptions).
        await using var server = await DirectoryServerProcess.StartAsync("--list-content", "names", "--sessions", "off");
        var share = Directory.CreateTempSubdirectory("p2psim-peer-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(share.FullName, "song.mp3"), "la la");
            await using var peer = ChildProcess.StartP2PSim(
                "peer", "-s", server.Host, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--share", share.FullName);
            foreach (var line in new[] { "REGISTER shelly", "CONNECT shelly", "PUBLISH song.mp3 my favourite song", "LIST_CONTENT shelly", "QUIT" })
            {
                await peer.WriteLineAsync(line);
            }

            Assert.True(await peer.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, peer.Describe());
            var output = string.Join("\n", peer.StandardOutput);
            Assert.Contains("LIST_CONTENT OK", output, StringComparison.Ordinal);
            Assert.Contains("song.mp3 \"\"", output, StringComparison.Ordinal); // the name, no description sent
            Assert.DoesNotContain("my favourite song", output, StringComparison.Ordinal);
            Assert.DoesNotContain("LIST_CONTENT FAIL", output, StringComparison.Ordinal);
        }
        finally
        {
            share.Delete(recursive: true);
        }
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
