using System.Runtime.InteropServices;

namespace P2PSim.Fixtures;

/// <summary>POSIX signals, for stopping child processes the way an operator does (SIGTERM) or pausing them (SIGSTOP).</summary>
public static partial class Signals
{
    public const int SigTerm = 15;
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigStop = 19;
    public const int SigCont = 18;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
