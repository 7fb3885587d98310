using System.Globalization;
using P2PSim.Peer.Downloads.MultiSource;

namespace P2PSim.Shell;

/// <summary>
/// Shows a download's progress: on a terminal, one bar redrawn in place (bytes, percentage, rate, sources in use)
/// at most ten times a second; otherwise a plain line at every tenth, so logs and scripts get a readable record.
/// </summary>
public sealed class ProgressPrinter(TextWriter output, string fileName, bool interactive) : IProgress<DownloadProgress>
{
    private const int BarWidth = 30;
    private readonly object _gate = new();
    private TimeSpan? _lastDrawn; // null until the first bar: MinValue would overflow the subtraction below
    private int _lastTenth = -1;

    public void Report(DownloadProgress value)
    {
        lock (_gate)
        {
            var done = value.VerifiedBytes >= value.TotalBytes;
            if (interactive)
            {
                if (done || _lastDrawn is not { } last || value.Elapsed - last >= TimeSpan.FromMilliseconds(100))
                {
                    _lastDrawn = value.Elapsed;
                    output.Write('\r' + Bar(value) + (done ? Environment.NewLine : string.Empty));
                    output.Flush();
                }

                return;
            }

            var tenth = (int)(value.Fraction * 10);
            if (tenth > _lastTenth)
            {
                _lastTenth = tenth;
                output.WriteLine(Line(value));
            }
        }
    }

    /// <summary><c>movie.bin [##########..........]  33%  12.0/36.0 MiB  48.2 MiB/s  3 sources</c>.</summary>
    internal string Bar(DownloadProgress value)
    {
        var filled = (int)Math.Round(value.Fraction * BarWidth);
        return string.Create(CultureInfo.InvariantCulture,
            $"{fileName} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {Stats(value)}");
    }

    /// <summary><c>movie.bin: 33% 12.0/36.0 MiB 48.2 MiB/s 3 sources</c>.</summary>
    internal string Line(DownloadProgress value) => $"{fileName}: {Stats(value)}";

    private static string Stats(DownloadProgress value)
    {
        var seconds = Math.Max(value.Elapsed.TotalSeconds, 0.001);
        return string.Create(CultureInfo.InvariantCulture,
            $"{value.Fraction * 100,3:0}% {Mib(value.VerifiedBytes)}/{Mib(value.TotalBytes)} MiB {Mib(value.VerifiedBytes / seconds)} MiB/s {value.ActiveSources} sources");
    }

    private static string Mib(double bytes) => (bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);
}
