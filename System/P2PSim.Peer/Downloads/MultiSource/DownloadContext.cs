using Microsoft.Extensions.Logging;
using P2PSim.Protocol.Peer;
using P2PSim.Transport;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>What every worker of one download shares: the file being fetched, where blocks go, and the board.</summary>
internal sealed record DownloadContext(
    ITransport Transport,
    string FileName,
    FileManifest Manifest,
    BlockBoard Board,
    BlockFile File,
    MultiSourceOptions Options,
    ILogger Logger,
    Action BlockDone);
