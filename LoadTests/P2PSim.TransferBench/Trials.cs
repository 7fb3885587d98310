using System.Diagnostics;

namespace P2PSim.TransferBench;

/// <summary>
/// Repeated timings of one transfer: the best wall time, and the CPU time of the whole process per MiB over all runs.
/// Each run starts from the same state: its previous output is deleted first, outside the clock. Writing a file
/// whose old copy is still on disk takes fresh page-cache pages, which on a virtual machine that hands freed memory
/// back to its host cost several times more to fill than pages just freed by a delete; a copy that overwrites its
/// own output in place would otherwise be measured against a download that writes a new file and renames it.
/// </summary>
internal sealed class Trials(string output, long mibPerRun)
{
    private TimeSpan _cpu;
    private int _runs;

    public TimeSpan Best { get; private set; } = TimeSpan.MaxValue;

    public double CpuMsPerMib => _runs == 0 ? double.NaN : _cpu.TotalMilliseconds / (_runs * mibPerRun);

    public async Task RunAsync(Func<string, Task> transfer)
    {
        File.Delete(output);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await transfer(output);
        var elapsed = clock.Elapsed;
        _cpu += Process.GetCurrentProcess().TotalProcessorTime - cpu;
        _runs++;
        Best = elapsed < Best ? elapsed : Best;
    }
}
