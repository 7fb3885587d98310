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
        try
        {
            await listener.AcceptAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        recorder.Enqueue("stopped accepting");
        _draining.TrySetResult();
        await _drained.Task;
        recorder.Enqueue("drained");
    }
}
