using Microsoft.Extensions.Logging;

namespace P2PSim.LogService;

/// <summary>Diagnostic log events of the log service, with stable ids in 5000–5999 (each library has its own thousand; README, Diagnostics).</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "Log service listening on TCP {EndPoint}")]
    public static partial void Listening(ILogger logger, string endPoint);

    [LoggerMessage(5002, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: bad framing, {Reason}; closed")]
    public static partial void BadFraming(ILogger logger, string connectionId, string remote, string reason);

    [LoggerMessage(5003, LogLevel.Warning, "Connection {ConnectionId} from {Remote}: a record that is not an ONC-RPC call; closed")]
    public static partial void NotACall(ILogger logger, string connectionId, string remote);

    [LoggerMessage(5004, LogLevel.Debug, "Connection {ConnectionId} from {Remote}: {Message}")]
    public static partial void ConnectionFailed(ILogger logger, string connectionId, string remote, string message);

    [LoggerMessage(5005, LogLevel.Warning, "Connection limit reached ({Limit}); refused connection from {Remote}")]
    public static partial void ConnectionLimitReached(ILogger logger, string limit, string remote);

    [LoggerMessage(5006, LogLevel.Error, "Connection {ConnectionId}: unexpected failure")]
    public static partial void SessionCrashed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(5007, LogLevel.Information, "Log service listening on UDP {EndPoint}")]
    public static partial void ListeningUdp(ILogger logger, string endPoint);

    [LoggerMessage(5008, LogLevel.Debug, "UDP datagram from {Remote} is not an ONC-RPC call; dropped")]
    public static partial void DatagramDropped(ILogger logger, string remote);

    [LoggerMessage(5009, LogLevel.Debug, "UDP receive failed: {Message}")]
    public static partial void UdpReceiveFailed(ILogger logger, string message);

    [LoggerMessage(5010, LogLevel.Debug, "Connection {ConnectionId} from {Remote}: nothing received for {Timeout}; closed")]
    public static partial void IdleClosed(ILogger logger, string connectionId, string remote, TimeSpan timeout);

    [LoggerMessage(5011, LogLevel.Debug, "UDP reply to {Remote} not sent: {Message}")]
    public static partial void UdpSendFailed(ILogger logger, string remote, string message);
}
