namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>What a <see cref="MultiFileDownload"/> did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="DirectoryCode">The directory's FIND_SOURCES result code (0 unless <see cref="MultiFileStatus.NotSupported"/> or <see cref="MultiFileStatus.Refused"/>).</param>
/// <param name="Sources">The sources the directory named; empty unless it answered 0 with some.</param>
/// <param name="Result">The verified download, when <see cref="Status"/> is <see cref="MultiFileStatus.Downloaded"/>.</param>
public sealed record MultiFileOutcome(
    MultiFileStatus Status, int DirectoryCode, IReadOnlyList<DownloadSource> Sources, MultiSourceResult? Result);
