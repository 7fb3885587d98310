using Microsoft.Extensions.Logging;

namespace P2PSim.TimeService;

/// <summary>Diagnostic log events of the time service (1xx host, 2xx client side).</summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Information, "Time service listening on {Address} (WSDL at /?wsdl)")]
    public static partial void Listening(ILogger logger, Uri address);

    [LoggerMessage(102, LogLevel.Debug, "{Operation} -> {Timestamp}")]
    public static partial void Served(ILogger logger, string operation, string timestamp);

    [LoggerMessage(103, LogLevel.Information, "Time service on {Address} stopped")]
    public static partial void Stopped(ILogger logger, Uri address);

    [LoggerMessage(201, LogLevel.Warning, "Time service at {Address} is down ({Reason}); stamping locally")]
    public static partial void ServiceDown(ILogger logger, Uri address, string reason);

    [LoggerMessage(202, LogLevel.Information, "Time service at {Address} is back; using its time again")]
    public static partial void ServiceBack(ILogger logger, Uri address);
}
