namespace P2PSim.Fixtures;

/// <summary>Runs a Python 3 script from the repository (the classic clients) as a real process.</summary>
public static class PythonScript
{
    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; returns the exit code and the node for output.</summary>
    public static async Task<(int ExitCode, ChildProcess Process)> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var node = ChildProcess.Start("python3", ["-u", script, .. arguments]);
        var exitCode = await node.WaitForExitAsync(timeout);
        return (exitCode, node);
    }
}
