using System.Diagnostics;

namespace P2PSim.LoadGen.Engine;

/// <summary>
/// What the measured window cost this process (load clients and in-process servers together) per OK operation:
/// CPU time split user/kernel, bytes allocated, and garbage collections. Unlike throughput, CPU per operation
/// barely moves when other work shares the machine, so it is the figure to compare when hunting for the time.
/// </summary>
internal sealed record ProcessCost(double CpuMicrosPerOp, double UserMicrosPerOp, double KernelMicrosPerOp, double AllocatedBytesPerOp, int Gen0, int Gen1, int Gen2)
{
    public static ProcessCost Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>A reading of the counters; subtract two with <see cref="Between"/>.</summary>
    public static Snapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        return new Snapshot(
            process.UserProcessorTime,
            process.PrivilegedProcessorTime,
            GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2));
    }

    public static ProcessCost Between(Snapshot start, Snapshot end, long operations)
    {
        if (operations <= 0)
        {
            return Empty;
        }

        var user = (end.User - start.User).TotalMicroseconds / operations;
        var kernel = (end.Kernel - start.Kernel).TotalMicroseconds / operations;
        return new ProcessCost(
            user + kernel, user, kernel, (double)(end.Allocated - start.Allocated) / operations,
            end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2);
    }

    internal sealed record Snapshot(TimeSpan User, TimeSpan Kernel, long Allocated, int Gen0, int Gen1, int Gen2);
}
