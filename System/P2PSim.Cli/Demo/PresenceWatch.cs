using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;

namespace P2PSim.Cli.Demo;

/// <summary>
/// The demo's view of one user's presence at the server: <see cref="Orphaned"/> completes when the server saw the
/// user's session lost (the grace period starts), <see cref="Expired"/> when it then reported the DISCONNECT the user
/// never sent. The registry calls in from inside its critical section, so this only completes tasks.
/// </summary>
internal sealed class PresenceWatch(string user) : IRegistryObserver, IOperationSink
{
    private readonly TaskCompletionSource _orphaned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _expired = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string User => user;

    public Task Orphaned => _orphaned.Task;

    public Task Expired => _expired.Task;

    public void Changed(RegistryChange change, string name)
    {
        if (change == RegistryChange.Orphaned && name == user)
        {
            _orphaned.TrySetResult();
        }
    }

    public void OnOperation(OperationRecord record)
    {
        // After the orphaning, a DISCONNECT for the user can only be the expiry's report: the user's process is gone.
        if (record.Operation == Operation.Disconnect && record.User == user && _orphaned.Task.IsCompleted)
        {
            _expired.TrySetResult();
        }
    }
}
