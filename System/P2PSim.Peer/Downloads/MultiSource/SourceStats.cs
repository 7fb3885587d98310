namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>One source's counters, written only by its worker and read once it has ended.</summary>
internal sealed class SourceStats(DownloadSource source)
{
    public DownloadSource Source { get; } = source;

    public int Blocks { get; set; }

    public long Bytes { get; set; }

    public int Duplicates { get; set; }

    public int CorruptBlocks { get; set; }

    public int Faults { get; set; }

    public int Reconnects { get; set; }

    public bool WholeFileOnly { get; set; }

    public string? DroppedReason { get; set; }

    public SourceReport ToReport() =>
        new(Source, Blocks, Bytes, CorruptBlocks, Faults, Reconnects, WholeFileOnly, DroppedReason);
}
