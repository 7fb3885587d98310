using System.Diagnostics;

namespace P2PSim.TransferBench;

/// <summary>CPU time this process spends (client and server ends together) between Start and PerMib.</summary>
internal readonly struct CpuMeter
{
    private readonly TimeSpan _start;

    private CpuMeter(TimeSpan start) => _start = start;

    public static CpuMeter Start() => new(Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>Milliseconds of CPU per MiB moved.</summary>
    public double PerMib(long mib) => (Process.GetCurrentProcess().TotalProcessorTime - _start).TotalMilliseconds / mib;
}
