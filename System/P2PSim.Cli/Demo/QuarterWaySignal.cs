using P2PSim.Peer.Downloads.MultiSource;

namespace P2PSim.Cli.Demo;

/// <summary>Completes <paramref name="signal"/> once a download passes a quarter of its bytes: the demo's cue to stop a source.</summary>
internal sealed class QuarterWaySignal(TaskCompletionSource signal) : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value)
    {
        if (value.Fraction >= 0.25)
        {
            signal.TrySetResult();
        }
    }
}
