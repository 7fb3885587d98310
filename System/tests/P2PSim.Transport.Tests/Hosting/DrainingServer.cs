using System.Collections.Concurrent;
using P2PSim.Transport.Hosting;

namespace P2PSim.Transport.Tests.Hosting;

/// <summary>
/// A server whose accept loop ends when told to stop and whose drain lasts until the test lets it finish, so a test
/// sees what happens during the drain.
/// </summary>
internal sealed class DrainingServer(ConcurrentQueue<string> recorder) : IConnectionServer
{
    private readonly TaskCompletionSource _draining = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the server stopped accepting and began to drain.</summary>
    public Task Draining => _draining.Task;

    public int Runs { get; private set; }

    /// <summary>Lets the drain end.</summary>
    public void FinishDrain() => _drained.TrySetResult();

    public async Task RunAsync(IConnectionListener listener, CancellationToken stopping)
    {
        Runs++;
        // Recorded when the stop is asked for (the cancellation runs this at once), not when the accept loop gets to
        // run again: that continuation may come after the host has gone on.
        using var told = stopping.Register(() => recorder.Enqueue("stop accepting"));
        try
        {
            await listener.AcceptAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        _draining.TrySetResult();
        await _drained.Task;
        recorder.Enqueue("drained");
    }
}
