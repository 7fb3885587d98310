namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>A snapshot of a running multi-source download, reported after every verified block.</summary>
/// <param name="VerifiedBytes">Bytes verified and on disk, resumed ones included.</param>
/// <param name="TotalBytes">The file's size.</param>
/// <param name="ActiveSources">Sources still taking part.</param>
/// <param name="Elapsed">Time since the download started, on <see cref="MultiSourceOptions.TimeProvider"/>.</param>
public sealed record DownloadProgress(long VerifiedBytes, long TotalBytes, int ActiveSources, TimeSpan Elapsed)
{
    /// <summary>Fraction done, 0..1 (1 for an empty file).</summary>
    public double Fraction => TotalBytes == 0 ? 1 : (double)VerifiedBytes / TotalBytes;
}
