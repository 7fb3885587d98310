using Microsoft.Extensions.Logging;

namespace P2PSim.DirectoryServer;

/// <summary>Diagnostic log events of the directory server, with stable ids in 2000–2999 (each library has its own thousand; README, Diagnostics).</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Directory server listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, string endPoint);

    [LoggerMessage(2002, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: bad request, {Reason}")]
    public static partial void BadRequest(ILogger logger, string connectionId, string remote, string reason);

    [LoggerMessage(2003, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: no complete request within {Timeout}; closed")]
    public static partial void RequestTimedOut(ILogger logger, string connectionId, string remote, TimeSpan timeout);

    [LoggerMessage(2004, LogLevel.Debug, "Connection {ConnectionId} from {Remote}: {Message}")]
    public static partial void ConnectionFailed(ILogger logger, string connectionId, string remote, string message);

    [LoggerMessage(2005, LogLevel.Warning, "Connection limit of {Limit} reached; refused connection from {Remote}")]
    public static partial void ConnectionLimitReached(ILogger logger, int limit, string remote);

    [LoggerMessage(2007, LogLevel.Error, "Connection {ConnectionId}: unexpected failure")]
    public static partial void SessionCrashed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(2008, LogLevel.Debug, "Connection {ConnectionId} from {Remote}: closed before a complete request ({Bytes} bytes)")]
    public static partial void IncompleteRequest(ILogger logger, string connectionId, string remote, int bytes);

    [LoggerMessage(2010, LogLevel.Debug, "Connection {ConnectionId} from {Remote}: session opened (version {Version})")]
    public static partial void SessionOpened(ILogger logger, string connectionId, string remote, int version);

    [LoggerMessage(2011, LogLevel.Debug, "Connection {ConnectionId} from {Remote}: session closed after {Requests} requests, {Outcome}")]
    public static partial void SessionClosed(ILogger logger, string connectionId, string remote, long requests, string outcome);

    [LoggerMessage(2012, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: session ended, {Reason}")]
    public static partial void SessionProtocolError(ILogger logger, string connectionId, string remote, string reason);

    [LoggerMessage(2013, LogLevel.Warning, "Connection {ConnectionId}: CONNECT {User} announced address {Announced}, but the connection comes from {Observed}; {Observed} is registered")]
    public static partial void AnnouncedAddressIgnored(ILogger logger, string connectionId, string user, string announced, string observed);

    [LoggerMessage(2020, LogLevel.Information, "Account {User} created from {Source}")]
    public static partial void AccountCreated(ILogger logger, string user, string source);

    [LoggerMessage(2021, LogLevel.Warning, "Account {User} not created for {Source}: {Reason}")]
    public static partial void AccountRefused(ILogger logger, string user, string source, string reason);

    [LoggerMessage(2022, LogLevel.Information, "{User} logged in from {Source}")]
    public static partial void LoggedIn(ILogger logger, string user, string source);

    [LoggerMessage(2023, LogLevel.Warning, "Failed login as {User} from {Source}: unknown account or wrong password")]
    public static partial void LoginFailed(ILogger logger, string user, string source);

    [LoggerMessage(2024, LogLevel.Warning, "Login as {User} from {Source} not checked: throttled for {Wait} after repeated failures")]
    public static partial void LoginThrottled(ILogger logger, string user, string source, TimeSpan wait);

    [LoggerMessage(2026, LogLevel.Warning, "Login as {User} from {Source} not checked: {Reason}")]
    public static partial void LoginUnavailable(ILogger logger, string user, string source, string reason);

    [LoggerMessage(2025, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: classic request refused, the server serves sessions only (--classic off)")]
    public static partial void ClassicRefused(ILogger logger, string connectionId, string remote);

    [LoggerMessage(2030, LogLevel.Information, "{User} is orphaned: session {Session} was lost without DISCONNECT; disconnected in {Grace} unless it resumes")]
    public static partial void PresenceOrphaned(ILogger logger, string user, long session, TimeSpan grace);

    [LoggerMessage(2031, LogLevel.Information, "{User} disconnected: session {Session} was lost and no session resumed it within {Grace}")]
    public static partial void PresenceExpired(ILogger logger, string user, long session, TimeSpan grace);

    [LoggerMessage(2033, LogLevel.Error, "Presence of session {Session}: unexpected failure")]
    public static partial void PresenceFailed(ILogger logger, Exception exception, long session);

    [LoggerMessage(2040, LogLevel.Information, "Registry store in {Location} opened: {Recovery}; {Orphans} users orphaned (their sessions ended with the previous server); in {Elapsed}")]
    public static partial void StoreOpened(ILogger logger, string location, string recovery, int orphans, TimeSpan elapsed);

    [LoggerMessage(2041, LogLevel.Information, "Registry store in {Location}: snapshot of generation {Generation} written ({Records} records) in {Elapsed}; older journals deleted")]
    public static partial void StoreCompacted(ILogger logger, string location, long generation, int records, TimeSpan elapsed);

    [LoggerMessage(2042, LogLevel.Warning, "Registry store in {Location}: the snapshot could not be written; the journals stay and a restart replays them all")]
    public static partial void StoreCompactionFailed(ILogger logger, Exception exception, string location);

    [LoggerMessage(2043, LogLevel.Error, "Registry store in {Location} cannot write its journal: every operation fails until the server restarts on a healthy disk")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception, string location);

    [LoggerMessage(2050, LogLevel.Information, "Registry store in Redis at {Location}: connected {Connected}")]
    public static partial void RedisConnected(ILogger logger, string location, bool connected);

    [LoggerMessage(2051, LogLevel.Error, "Registry store in Redis at {Location} does not answer: operations get their error codes until it is back")]
    public static partial void RedisUnavailable(ILogger logger, Exception exception, string location);

    [LoggerMessage(2052, LogLevel.Information, "Server {Server} stopped refreshing its liveness in Redis: {Orphans} users of its sessions taken over here, each with its grace period")]
    public static partial void RedisServerReaped(ILogger logger, string server, int orphans);
}
