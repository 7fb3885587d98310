using Microsoft.Extensions.Logging;

namespace P2PSim.TestKit;

/// <summary>
/// A logger that completes <see cref="Logged"/> the first time event <paramref name="id"/> is logged, so a test
/// can hold one step back until the code under test has reached another (a source dropped, a session lost) instead
/// of racing it.
/// </summary>
public sealed class LogEventSignal(int id) : ILogger
{
    private readonly TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the event has been logged.</summary>
    public Task Logged => _logged.Task;

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == id)
        {
            _logged.TrySetResult();
        }
    }
}
