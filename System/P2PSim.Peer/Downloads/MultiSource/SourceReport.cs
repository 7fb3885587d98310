namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>What one source contributed to a download, and why it stopped if it did.</summary>
/// <param name="Source">The source.</param>
/// <param name="Blocks">Verified blocks it delivered that were used.</param>
/// <param name="Bytes">Bytes of those blocks.</param>
/// <param name="CorruptBlocks">Blocks it sent that failed verification.</param>
/// <param name="Faults">Corrupt blocks, timeouts and refused ranges together.</param>
/// <param name="Reconnects">Times its connection broke and was made again.</param>
/// <param name="WholeFileOnly">True for a classic peer that only speaks GET_FILE (used as a sequential stream).</param>
/// <param name="DroppedReason">Why it was dropped, or null if it served to the end.</param>
public sealed record SourceReport(
    DownloadSource Source, int Blocks, long Bytes, int CorruptBlocks, int Faults, int Reconnects, bool WholeFileOnly,
    string? DroppedReason)
{
    /// <summary>One line for people: <c>bob 12 blocks, 1 corrupt, dropped: …</c>.</summary>
    public string Summary =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Source.Name} {Blocks} blocks") +
        (WholeFileOnly ? " (whole-file source)" : string.Empty) +
        (CorruptBlocks > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {CorruptBlocks} corrupt") : string.Empty) +
        (Reconnects > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", connection lost {Reconnects}×") : string.Empty) +
        (DroppedReason is { } reason ? $", dropped: {reason}" : string.Empty);
}
