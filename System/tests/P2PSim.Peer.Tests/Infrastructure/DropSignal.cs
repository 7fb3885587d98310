using Microsoft.Extensions.Logging;

namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>
/// A logger for the downloader that completes <see cref="Dropped"/> when it reports a dropped source (event 3313),
/// so a test can hold another source back until that has happened instead of racing it.
/// </summary>
internal sealed class DropSignal : ILogger
{
    private const int SourceDroppedEvent = 3313;
    private readonly TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Dropped => _dropped.Task;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == SourceDroppedEvent)
        {
            _dropped.TrySetResult();
        }
    }
}
