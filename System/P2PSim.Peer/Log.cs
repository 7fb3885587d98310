using Microsoft.Extensions.Logging;

namespace P2PSim.Peer;

/// <summary>
/// Diagnostic log events of the peer, with stable ids in 3000–3999 (31xx directory client, 32xx file server, 33xx
/// downloads; each library has its own thousand: README, Diagnostics).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Debug, "{Operation} as {User}: result {Code}")]
    public static partial void DirectoryReply(ILogger logger, string operation, string user, int code);

    [LoggerMessage(3102, LogLevel.Warning, "{Operation}: the timestamp source failed ({Reason}); stamped locally with {Timestamp}")]
    public static partial void LocalTimestamp(ILogger logger, string operation, string reason, string timestamp);

    [LoggerMessage(3103, LogLevel.Debug, "Directory {Server} offers no sessions; using the classic protocol")]
    public static partial void SessionsDeclined(ILogger logger, string server);

    [LoggerMessage(3104, LogLevel.Debug, "Directory session opened with {Server}")]
    public static partial void SessionOpened(ILogger logger, string server);

    [LoggerMessage(3105, LogLevel.Information, "Directory session opened again: login as {User} answered {Result}")]
    public static partial void LoggedInAgain(ILogger logger, string user, string result);

    [LoggerMessage(3106, LogLevel.Warning, "Directory session with {Server} lost ({Reason}); resuming the presence of {User}")]
    public static partial void PresenceLost(ILogger logger, string user, string server, string reason);

    [LoggerMessage(3107, LogLevel.Information, "Presence of {User} resumed on a new directory session (attempt {Attempt})")]
    public static partial void PresenceResumed(ILogger logger, string user, int attempt);

    [LoggerMessage(3108, LogLevel.Warning, "Presence of {User} not resumed: CONNECT answered {Code}")]
    public static partial void PresenceNotResumed(ILogger logger, string user, int code);

    [LoggerMessage(3109, LogLevel.Warning, "Presence of {User} not resumed after {Attempts} attempts: {Reason}")]
    public static partial void PresenceGivenUp(ILogger logger, string user, int attempts, string reason);

    [LoggerMessage(3201, LogLevel.Information, "File server listening on {EndPoint}, sharing {ShareDirectory}")]
    public static partial void FileServerListening(ILogger logger, string endPoint, string shareDirectory);

    [LoggerMessage(3202, LogLevel.Information, "Connection {ConnectionId} from {Remote}: GET_FILE {FileName} -> {Result}")]
    public static partial void FileRequest(ILogger logger, string connectionId, string remote, string fileName, string result);

    [LoggerMessage(3210, LogLevel.Debug, "Connection {ConnectionId} from {Remote}: {Operation} {FileName} -> {Result}")]
    public static partial void ExtensionRequest(ILogger logger, string connectionId, string remote, string operation, string fileName, string result);

    [LoggerMessage(3203, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: bad request, {Reason}")]
    public static partial void BadFileRequest(ILogger logger, string connectionId, string remote, string reason);

    [LoggerMessage(3204, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: refused file name '{FileName}' (outside the share folder or unsafe)")]
    public static partial void RefusedFileName(ILogger logger, string connectionId, string remote, string fileName);

    [LoggerMessage(3205, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: timed out ({Phase})")]
    public static partial void FileSessionTimedOut(ILogger logger, string connectionId, string remote, string phase);

    [LoggerMessage(3206, LogLevel.Debug, "Connection {ConnectionId} from {Remote}: {Message}")]
    public static partial void FileConnectionFailed(ILogger logger, string connectionId, string remote, string message);

    [LoggerMessage(3207, LogLevel.Warning, "File server limit reached ({Limit}); refused connection from {Remote}")]
    public static partial void FileConnectionLimitReached(ILogger logger, string limit, string remote);

    [LoggerMessage(3208, LogLevel.Error, "Connection {ConnectionId}: unexpected failure")]
    public static partial void FileSessionCrashed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(3209, LogLevel.Warning, "Connection {ConnectionId}: cannot read {Path}: {Message}")]
    public static partial void FileUnreadable(ILogger logger, string connectionId, string path, string message);

    [LoggerMessage(3301, LogLevel.Information, "GET_FILE {FileName} from {Peer}: result {Code}, {Bytes} bytes into {Path}")]
    public static partial void Downloaded(ILogger logger, string fileName, string peer, int code, long bytes, string path);

    [LoggerMessage(3302, LogLevel.Debug, "GET_FILE {FileName} from {Peer}: stripped a {Length}-byte size prefix")]
    public static partial void SizePrefixStripped(ILogger logger, string fileName, string peer, int length);

    [LoggerMessage(3303, LogLevel.Debug, "GET_FILE {FileName} from {Peer}: dropped the NUL the peer sent after the {Size} announced bytes")]
    public static partial void TrailingNulDropped(ILogger logger, string fileName, string peer, long size);




    [LoggerMessage(3310, LogLevel.Information, "Source {Source}: connection lost ({Reason}); its blocks in flight go back to the others")]
    public static partial void SourceConnectionLost(ILogger logger, string source, string reason);

    [LoggerMessage(3311, LogLevel.Warning, "Source {Source}: block {Block} of {FileName} failed verification; fetching it elsewhere")]
    public static partial void CorruptBlock(ILogger logger, string source, int block, string fileName);

    [LoggerMessage(3312, LogLevel.Warning, "Source {Source}: fault {Faults} of {MaxFaults}: {What}")]
    public static partial void SourceFault(ILogger logger, string source, string what, int faults, int maxFaults);

    [LoggerMessage(3313, LogLevel.Warning, "Source {Source} dropped: {Reason}")]
    public static partial void SourceDropped(ILogger logger, string source, string reason);

    [LoggerMessage(3314, LogLevel.Information, "Resuming {FileName}: {Blocks} of {Total} blocks already verified on disk")]
    public static partial void Resumed(ILogger logger, string fileName, int blocks, int total);

    [LoggerMessage(3315, LogLevel.Information, "Downloaded {FileName}: {Bytes} bytes from {Sources} sources ({Duplicates} endgame duplicates, {WholeFileSources} whole-file sources) in {Milliseconds:0} ms")]
    public static partial void MultiSourceDone(ILogger logger, string fileName, long bytes, int sources, int duplicates, int wholeFileSources, double milliseconds);

    [LoggerMessage(3316, LogLevel.Warning, "The directory server does not know FIND_SOURCES ({Reason}); finding publishers with LIST_USERS and LIST_CONTENT instead, and downloading with GET_FILE where peers speak only that")]
    public static partial void FindSourcesFallback(ILogger logger, string reason);
}
