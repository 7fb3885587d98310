namespace P2PSim.Transport.InMemory;

/// <summary>
/// Wake-up signals for the in-memory transport, kept to what Coyote controls: a <see cref="TaskCompletionSource{T}"/>
/// awaited directly, and cancellation that completes that same signal (no <c>Task.WhenAny</c>, no
/// <c>Task.WaitAsync</c>, with which Coyote reported false deadlocks). A cancelled wait therefore wakes every
/// waiter on the signal; waiters re-check their state under their lock, so a spurious wake-up costs one loop.
/// </summary>
internal static class Waiting
{
    /// <summary>The live signal in <paramref name="field"/>, replacing one that has already fired.</summary>
    public static TaskCompletionSource<bool> Live(ref TaskCompletionSource<bool>? field)
    {
        if (field is null || field.Task.IsCompleted)
        {
            field = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return field;
    }

    /// <summary>Takes the signal out of <paramref name="field"/> so the caller can fire it outside its lock.</summary>
    public static TaskCompletionSource<bool>? Take(ref TaskCompletionSource<bool>? field)
    {
        var taken = field;
        field = null;
        return taken;
    }

    /// <summary>Waits for <paramref name="signal"/>; throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    public static async Task WaitAsync(TaskCompletionSource<bool> signal, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(false), signal);
            try
            {
                await signal.Task;
            }
            finally
            {
                // Unregister, not Dispose: Dispose waits (spinning, which Coyote cannot schedule) for a callback that
                // is still running, and the callback that woke us may be exactly that one, paused mid-Cancel().
                registration.Unregister();
            }
        }
        else
        {
            await signal.Task;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
