using P2PSim.Peer.Downloads.MultiSource;

namespace P2PSim.Shell.Tests;

/// <summary>The progress view: a bar redrawn in place on a terminal, a plain line per tenth otherwise.</summary>
public sealed class ProgressPrinterTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Off_a_terminal_it_prints_one_plain_line_per_tenth()
    {
        var output = new StringWriter { NewLine = "\n" };
        var printer = new ProgressPrinter(output, "movie.bin", interactive: false);

        foreach (var done in new long[] { 0, 1, 2, 5, 6, 10, 20 })
        {
            printer.Report(new DownloadProgress(done * MiB, 20 * MiB, 3, TimeSpan.FromSeconds(2)));
        }

        Assert.Equal(
            [
                "movie.bin:   0% 0.0/20.0 MiB 0.0 MiB/s 3 sources",
                "movie.bin:  10% 2.0/20.0 MiB 1.0 MiB/s 3 sources",
                "movie.bin:  25% 5.0/20.0 MiB 2.5 MiB/s 3 sources",
                "movie.bin:  30% 6.0/20.0 MiB 3.0 MiB/s 3 sources",
                "movie.bin:  50% 10.0/20.0 MiB 5.0 MiB/s 3 sources",
                "movie.bin: 100% 20.0/20.0 MiB 10.0 MiB/s 3 sources",
            ],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void On_a_terminal_it_redraws_one_bar_at_most_ten_times_a_second_and_ends_the_line_when_done()
    {
        var output = new StringWriter { NewLine = "\n" };
        var printer = new ProgressPrinter(output, "movie.bin", interactive: true);

        printer.Report(new DownloadProgress(3 * MiB, 12 * MiB, 2, TimeSpan.FromMilliseconds(1000)));
        printer.Report(new DownloadProgress(4 * MiB, 12 * MiB, 2, TimeSpan.FromMilliseconds(1050))); // too soon: not drawn
        printer.Report(new DownloadProgress(12 * MiB, 12 * MiB, 1, TimeSpan.FromMilliseconds(1060))); // done: always drawn

        Assert.Equal(
            "\rmovie.bin [########......................]  25% 3.0/12.0 MiB 3.0 MiB/s 2 sources" +
            "\rmovie.bin [##############################] 100% 12.0/12.0 MiB 11.3 MiB/s 1 sources\n",
            output.ToString());
    }
}
