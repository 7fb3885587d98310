using System.Diagnostics;

namespace P2PSim.TimeService.Tests;

/// <summary>
/// Finds a Python with zeep and spyne (Debian packages python3-zeep and python3-spyne) and runs the interop scripts.
/// P2PSIM_PYTHON overrides the search; /usr/bin/python3 comes before PATH because a pyenv python3 on PATH does
/// not see Debian's packages.
/// </summary>
internal static class Python
{
    private static readonly Lazy<string?> Found = new(Find);

    public static string Interpreter => Found.Value ?? throw new InvalidOperationException(
        "Interop tests need Python 3 with zeep and spyne: apt-get install -y python3-zeep python3-spyne " +
        "(or set P2PSIM_PYTHON to a python that can `import zeep, spyne`).");

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "interop", name);

    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-u");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Interpreter}.");
    }

    private static string? Find()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("P2PSIM_PYTHON"), "/usr/bin/python3", "python3" };
        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrEmpty(candidate) && CanImport(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool CanImport(string python)
    {
        try
        {
            var info = new ProcessStartInfo(python, ["-c", "import zeep, spyne"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info);
            if (process is null)
            {
                return false;
            }

            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(30_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
