namespace P2PSim.Cli.Hosting;

/// <summary>How long-running commands wait: until SIGINT/SIGTERM (System.CommandLine's token) or their service ends.</summary>
internal static class StopSignal
{
    /// <summary>Completes when <paramref name="cancellationToken"/> is cancelled or <paramref name="completion"/> ends; never throws.</summary>
    public static async Task WaitAsync(CancellationToken cancellationToken, Task? completion = null)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await Task.WhenAny(completion ?? stopped.Task, stopped.Task);
        }
    }
}
