namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>A completed, verified multi-source download.</summary>
/// <param name="Path">Where the file now is.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">Its SHA-256 (lower-case hex), equal to the sources' manifest.</param>
/// <param name="ResumedBlocks">Blocks found already verified in a part file from an earlier attempt.</param>
/// <param name="DuplicateBlocks">Endgame copies that arrived after another source's copy and were discarded.</param>
/// <param name="Elapsed">How long the download took, on <see cref="MultiSourceOptions.TimeProvider"/> (simulated time in a simulated run).</param>
/// <param name="Sources">Every source asked, in the order given.</param>
public sealed record MultiSourceResult(
    string Path, long Size, string Sha256, int ResumedBlocks, int DuplicateBlocks, TimeSpan Elapsed,
    IReadOnlyList<SourceReport> Sources)
{
    /// <summary>Sources that served a block which failed verification.</summary>
    public IEnumerable<SourceReport> CorruptSources => Sources.Where(s => s.CorruptBlocks > 0);
}
