using P2PSim.DirectoryServer;
using P2PSim.Protocol;

namespace P2PSim.Cli.Demo;

/// <summary>
/// The demo's view of one user's presence at the server: <see cref="WaitOrphanedAsync"/> returns once the server
/// runs a grace period (frank's is the only session the demo loses), <see cref="Expired"/> completes when the
/// server then reported the DISCONNECT the user never sent. It watches the server, not the registry, so the demo
/// runs on any registry store.
/// </summary>
internal sealed class PresenceWatch(string user) : IOperationSink
{
    private readonly TaskCompletionSource _expired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _orphaned;

    public string User => user;

    public Task Expired => _expired.Task;

    /// <summary>Polls <paramref name="gracePeriods"/> (the server's running grace periods) until one runs, within <paramref name="timeout"/>.</summary>
    public async Task WaitOrphanedAsync(Func<int> gracePeriods, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (gracePeriods() == 0)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The server started no grace period for {user} within {timeout}.");
        }

        _orphaned = true;
    }

    public void OnOperation(OperationRecord record)
    {
        // After the orphaning, a DISCONNECT for the user can only be the expiry's report: the user's process is gone.
        if (record.Operation == Operation.Disconnect && record.User == user && _orphaned)
        {
            _expired.TrySetResult();
        }
    }
}
