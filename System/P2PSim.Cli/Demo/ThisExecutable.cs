using System.Diagnostics;
using System.Reflection;

namespace P2PSim.Cli.Demo;

/// <summary>Starts another p2psim process from the running one, however this one was started.</summary>
internal static class ThisExecutable
{
    /// <summary>
    /// <c>p2psim ARGS</c>. Run as <c>dotnet p2psim.dll</c>, the process is the dotnet host, which needs the assembly
    /// again; run as the p2psim apphost (or a single-file build, whose assembly has no path), the process is p2psim.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        var entry = Assembly.GetEntryAssembly()?.Location;
        var info = new ProcessStartInfo(host) { UseShellExecute = false };
        if (!string.IsNullOrEmpty(entry) &&
            !string.Equals(Path.GetFileNameWithoutExtension(host), Path.GetFileNameWithoutExtension(entry), StringComparison.Ordinal))
        {
            info.ArgumentList.Add(entry);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
