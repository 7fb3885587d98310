using Microsoft.Extensions.Logging;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>A logger that completes <see cref="Logged"/> the first time event <paramref name="cue"/> is logged: a scenario's cue.</summary>
internal sealed class EventSignal(int cue) : ILogger
{
    private readonly TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Logged => _logged.Task;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == cue)
        {
            _logged.TrySetResult();
        }
    }
}
