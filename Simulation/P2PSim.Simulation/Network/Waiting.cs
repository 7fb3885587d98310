namespace P2PSim.Simulation.Network;

/// <summary>
/// Wake-up signals, as in the in-memory transport: a <see cref="TaskCompletionSource{T}"/> awaited directly, and
/// cancellation that completes that same signal. Waiters re-check their state under their lock after every wake-up.
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
