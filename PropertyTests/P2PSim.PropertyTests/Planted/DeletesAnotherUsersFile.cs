using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Planted;

/// <summary>
/// Wrong: DELETE looks the file up by name among everyone's files and checks its owner instead of the caller, so
/// anyone (even an unregistered name) can withdraw another user's file (spec: the caller's own files only).
/// </summary>
internal sealed class DeletesAnotherUsersFile : PlantedHandler
{
    public override ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost)
    {
        if (request is DeleteRequest d &&
            Registry.Snapshot().FirstOrDefault(u => u.Files.Any(f => f.FileName == d.FileName)) is { } owner)
        {
            return ValueTask.FromResult(Reply(d.Operation, Registry.Delete(owner.Name, d.FileName)));
        }

        return base.HandleAsync(request, clientHost);
    }
}
