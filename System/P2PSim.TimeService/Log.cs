using Microsoft.Extensions.Logging;

namespace P2PSim.TimeService;

/// <summary>
/// Diagnostic log events of the time service, with stable ids in 7000–7999 (71xx host, 72xx client side; each library
/// has its own thousand: README, Diagnostics).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(7101, LogLevel.Information, "Time service listening on {Address} (WSDL at /?wsdl)")]
    public static partial void Listening(ILogger logger, Uri address);

    [LoggerMessage(7102, LogLevel.Debug, "{Operation} -> {Timestamp}")]
    public static partial void Served(ILogger logger, string operation, string timestamp);

    [LoggerMessage(7103, LogLevel.Information, "Time service on {Address} stopped")]
    public static partial void Stopped(ILogger logger, Uri address);

    [LoggerMessage(7201, LogLevel.Warning, "Time service at {Address} is down ({Reason}); stamping locally")]
    public static partial void ServiceDown(ILogger logger, Uri address, string reason);

    [LoggerMessage(7202, LogLevel.Information, "Time service at {Address} is back; using its time again")]
    public static partial void ServiceBack(ILogger logger, Uri address);
}
