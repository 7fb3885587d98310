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
}
