using System.Diagnostics;
using P2PSim.Peer.Downloads.MultiSource;

namespace P2PSim.TransferBench;

/// <summary>Records when a download passed 99 % of its bytes, so the time of the last 1 % can be reported.</summary>
internal sealed class TailTimer : IProgress<DownloadProgress>
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan? At99 { get; private set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Report(DownloadProgress value)
    {
        lock (_gate)
        {
            if (At99 is null && value.Fraction >= 0.99)
            {
                At99 = _clock.Elapsed;
            }
        }
    }
}
