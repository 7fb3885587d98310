using Microsoft.Extensions.Logging;

namespace P2PSim.Fixtures.Cluster;

/// <summary>One category of a <see cref="NodeLoggerFactory"/>; a line per event, the exception's type and message on it.</summary>
internal sealed class NodeLogger<T>(NodeOutput output, string category) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var error = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})";
        output.Add($"[{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {eventId.Id}] {category}: {formatter(state, exception)}{error}");
    }
}
