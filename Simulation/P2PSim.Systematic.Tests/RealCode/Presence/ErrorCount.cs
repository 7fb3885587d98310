using Microsoft.Extensions.Logging;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>
/// The server's logger, counting errors only: a session that crashed, a grace period that failed. Those are logged,
/// not thrown, so without this a scenario would not see them.
/// </summary>
internal sealed class ErrorCount : ILogger
{
    private readonly object _gate = new();
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel < LogLevel.Error)
        {
            return;
        }

        lock (_gate)
        {
            _errors.Add($"{formatter(state, exception)}: {exception}");
        }
    }
}
