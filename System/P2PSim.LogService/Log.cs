using Microsoft.Extensions.Logging;

namespace P2PSim.LogService;

/// <summary>Diagnostic log events of the log service, with stable ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Log service listening on TCP {EndPoint}")]
    public static partial void Listening(ILogger logger, string endPoint);

    [LoggerMessage(2, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: bad framing, {Reason}; closed")]
    public static partial void BadFraming(ILogger logger, string connectionId, string remote, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: a record that is not an ONC-RPC call; closed")]
    public static partial void NotACall(ILogger logger, string connectionId, string remote);

    [LoggerMessage(4, LogLevel.Debug, "Connection {ConnectionId} from {Remote}: {Message}")]
    public static partial void ConnectionFailed(ILogger logger, string connectionId, string remote, string message);

    [LoggerMessage(5, LogLevel.Warning, "Connection limit of {Limit} reached; refused connection from {Remote}")]
    public static partial void ConnectionLimitReached(ILogger logger, int limit, string remote);

    [LoggerMessage(6, LogLevel.Error, "Connection {ConnectionId}: unexpected failure")]
    public static partial void SessionCrashed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(7, LogLevel.Information, "Log service listening on UDP {EndPoint}")]
    public static partial void ListeningUdp(ILogger logger, string endPoint);

    [LoggerMessage(8, LogLevel.Debug, "UDP datagram from {Remote} is not an ONC-RPC call; dropped")]
    public static partial void DatagramDropped(ILogger logger, string remote);

    [LoggerMessage(9, LogLevel.Debug, "UDP receive failed: {Message}")]
    public static partial void UdpReceiveFailed(ILogger logger, string message);

    [LoggerMessage(10, LogLevel.Debug, "Connection {ConnectionId} from {Remote}: nothing received for {Timeout}; closed")]
    public static partial void IdleClosed(ILogger logger, string connectionId, string remote, TimeSpan timeout);

    [LoggerMessage(11, LogLevel.Debug, "UDP reply to {Remote} not sent: {Message}")]
    public static partial void UdpSendFailed(ILogger logger, string remote, string message);
}
