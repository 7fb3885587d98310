namespace P2PSim.Transport.InMemory;

/// <summary>
/// Waits on a <see cref="TaskCompletionSource{T}"/> with cancellation. Uses a token registration rather than
/// <c>Task.WaitAsync</c> so that everything stays within what Coyote intercepts.
/// </summary>
internal static class Waiting
{
    public static async Task WaitAsync(TaskCompletionSource<bool> signal, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            await signal.Task;
            return;
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            var first = await Task.WhenAny(new Task[] { signal.Task, cancelled.Task }); // an array: Coyote does not intercept the span overload
            if (first == cancelled.Task)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }
}
