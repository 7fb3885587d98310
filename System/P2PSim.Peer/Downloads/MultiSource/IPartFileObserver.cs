namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// Sees every write a download makes into its part file, just before the bytes reach it: where they go and what
/// they are, nothing of why. An assertion hook for tests, e.g. that no block is written before its SHA-256 matched
/// the manifest (the observer hashes the bytes itself rather than trusting the downloader's word); the product
/// passes none, and then a write costs one null check.
/// </summary>
internal interface IPartFileObserver
{
    /// <summary><paramref name="bytes"/> are about to be written at <paramref name="offset"/> of <paramref name="partPath"/>.</summary>
    void Writing(string partPath, long offset, ReadOnlySpan<byte> bytes);
}
