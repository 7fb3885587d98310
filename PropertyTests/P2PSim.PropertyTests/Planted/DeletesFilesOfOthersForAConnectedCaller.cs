using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Planted;

/// <summary>
/// Wrong: the caller is checked (registered, connected) but ownership is not: DELETE of a file the caller does not
/// have withdraws it from whoever published it. Showing it takes six requests (publish needs three, a connected
/// caller two more), one past the five of <see cref="PlantedBugs.Sequential"/>'s bound.
/// </summary>
internal sealed class DeletesFilesOfOthersForAConnectedCaller : PlantedHandler
{
    public override async ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost)
    {
        var reply = await base.HandleAsync(request, clientHost);
        if (request is DeleteRequest d && reply.Code == 3 &&
            Registry.Snapshot().FirstOrDefault(u => u.Name != d.User && u.Files.Any(f => f.FileName == d.FileName)) is { } owner)
        {
            return Reply(d.Operation, AsIfConnected(owner.Name, () => Registry.Delete(owner.Name, d.FileName)));
        }

        return reply;
    }
}
