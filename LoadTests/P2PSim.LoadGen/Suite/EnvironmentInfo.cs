using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace P2PSim.LoadGen.Suite;

/// <summary>Where the figures come from: they mean little without the machine, the runtime and the commit.</summary>
internal sealed record EnvironmentInfo(
    string MachineName,
    int ProcessorCount,
    string OperatingSystem,
    string Architecture,
    string Runtime,
    bool ServerGc,
    string GitCommit,
    string? LoadAverageAtStart,
    string? LoadAverageAtEnd)
{
    public static EnvironmentInfo Capture() => new(
        Environment.MachineName,
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC,
        ReadGitCommit(),
        LoadAverage(),
        null);

    public EnvironmentInfo WithEndLoad() => this with { LoadAverageAtEnd = LoadAverage() };

    /// <summary>1, 5 and 15 minute load averages (Linux): other work on the machine shows up here.</summary>
    private static string? LoadAverage()
    {
        try
        {
            var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : null;
            return text is null ? null : string.Join(' ', text.Split(' ').Take(3));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string ReadGitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return "unknown";
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            var exited = git.WaitForExit(5000);
            var dirty = exited && git.ExitCode == 0 ? DirtyMark() : "";
            return exited && git.ExitCode == 0 && output.Length > 0 ? output + dirty : "unknown";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown";
        }
    }

    private static string DirtyMark()
    {
        using var git = Process.Start(new ProcessStartInfo("git", "status --porcelain --untracked-files=no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        if (git is null)
        {
            return "";
        }

        var output = git.StandardOutput.ReadToEnd();
        return git.WaitForExit(5000) && output.Trim().Length > 0 ? " (with uncommitted changes)" : "";
    }
}
