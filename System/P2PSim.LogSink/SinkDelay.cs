namespace P2PSim.LogSink;

/// <summary>
/// <c>Task.Delay</c> on the sink's clock, in the shapes Coyote's systematic tests control. Coyote (1.7.11) intercepts
/// <c>Task.Delay(TimeSpan, CancellationToken)</c> but not the <see cref="TimeProvider"/> overload, whose timer it
/// reports as uncontrolled concurrency; so the system clock takes the plain overload (same timing in production).
/// Coyote also treats every delay it controls as finite, firing it after some steps: an infinite delay (no call
/// timeout, no flush deadline) is therefore a wait for cancellation only, which is what it means.
/// </summary>
internal static class SinkDelay
{
    public static Task DelayAsync(TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (delay == Timeout.InfiniteTimeSpan)
        {
            return UntilCancelledAsync(cancellationToken);
        }

        return clock == TimeProvider.System ? Task.Delay(delay, cancellationToken) : Task.Delay(delay, clock, cancellationToken);
    }

    private static async Task UntilCancelledAsync(CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), cancelled);
        try
        {
            await cancelled.Task;
        }
        finally
        {
            // Unregister, not Dispose: Dispose may spin-wait for the very callback that woke us, which Coyote cannot schedule.
            registration.Unregister();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
