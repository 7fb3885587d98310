namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>What a <see cref="MultiFileDownload"/> did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="DirectoryCode">The directory's FIND_SOURCES result code, or LIST_USERS's after the classic fallback (0 unless <see cref="MultiFileStatus.NotSupported"/> or <see cref="MultiFileStatus.Refused"/>).</param>
/// <param name="Sources">The sources the directory named; empty unless it answered 0 with some.</param>
/// <param name="Result">The verified download, when <see cref="Status"/> is <see cref="MultiFileStatus.Downloaded"/>.</param>
public sealed record MultiFileOutcome(
    MultiFileStatus Status, int DirectoryCode, IReadOnlyList<DownloadSource> Sources, MultiSourceResult? Result)
{
    /// <summary>
    /// True when the directory did not know FIND_SOURCES (a classic server) and the sources came from LIST_USERS and
    /// LIST_CONTENT; <see cref="DirectoryCode"/> is then LIST_USERS's code.
    /// </summary>
    public bool ViaListContent { get; init; }
}
