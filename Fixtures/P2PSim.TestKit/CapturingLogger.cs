using Microsoft.Extensions.Logging;

namespace P2PSim.TestKit;

/// <summary>Keeps the event ids a server logs, so tests can check that the logger they passed is the one used.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly List<int> _events = [];

    public IReadOnlyList<int> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_events)
        {
            _events.Add(eventId.Id);
        }
    }
}
