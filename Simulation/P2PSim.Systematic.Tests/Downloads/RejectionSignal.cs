using Microsoft.Extensions.Logging;

namespace P2PSim.Systematic.Tests.Downloads;

/// <summary>
/// A synchronous logger for the downloader that completes <see cref="Rejected"/> when it reports a block that
/// failed verification (event 3311, logged once the block is given back to be fetched elsewhere), and counts them.
/// </summary>
internal sealed class RejectionSignal : ILogger
{
    private const int CorruptBlockEvent = 3311;
    private readonly TaskCompletionSource _rejected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _rejections;

    public Task Rejected => _rejected.Task;

    public int Rejections => Volatile.Read(ref _rejections);

    /// <summary>Completes <see cref="Rejected"/> whatever happened, so nothing held back by it waits past the end.</summary>
    public void Release() => _rejected.TrySetResult();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == CorruptBlockEvent)
        {
            Interlocked.Increment(ref _rejections);
            _rejected.TrySetResult();
        }
    }
}
