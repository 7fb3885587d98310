using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests;

/// <summary>The small types a multi-source download reports through: what people read and what callers test.</summary>
public sealed class MultiSourceRecordTests
{
    private static readonly DownloadSource Bob = new("bob", new TransportEndPoint("127.0.0.1", 4000));

    [Fact]
    public void A_source_report_summary_says_what_the_source_did_and_only_that()
    {
        var busy = new SourceReport(Bob, 12, 100, CorruptBlocks: 1, Faults: 2, Reconnects: 3, WholeFileOnly: true, DroppedReason: "gone");
        var quiet = new SourceReport(Bob, 0, 0, 0, 0, 0, false, null);

        Assert.Equal("bob 12 blocks (whole-file source), 1 corrupt, connection lost 3×, dropped: gone", busy.Summary);
        Assert.Equal("bob 0 blocks", quiet.Summary);
    }

    [Fact]
    public void A_source_shows_its_name_and_address()
    {
        Assert.Equal($"bob ({Bob.EndPoint})", Bob.ToString());
    }

    [Fact]
    public void Progress_is_a_fraction_of_the_size_and_an_empty_file_is_all_done()
    {
        Assert.Equal(0.25, new DownloadProgress(25, 100, 1, TimeSpan.Zero).Fraction);
        Assert.Equal(1, new DownloadProgress(0, 0, 1, TimeSpan.Zero).Fraction);
    }

    [Fact]
    public void Only_code_3_says_the_file_changed()
    {
        Assert.True(new SourceRefusedException(3, "changed").FileChanged);
        Assert.False(new SourceRefusedException(2, "refused").FileChanged);
        Assert.Equal(2, new SourceRefusedException(2, "refused").Code);
    }

    [Fact]
    public void The_plain_constructors_of_the_failure_name_no_file_and_no_source()
    {
        var inner = new IOException("disk");
        MultiSourceFailedException[] failures = [new(), new("message"), new("message", inner)];

        Assert.All(failures, f => Assert.Equal(string.Empty, f.FileName));
        Assert.All(failures, f => Assert.Empty(f.Sources));
        Assert.Same(inner, failures[2].InnerException);
    }
}
