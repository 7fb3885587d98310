using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Planted;

/// <summary>
/// Wrong: FIND_SOURCES also lists publishers that are registered but not connected (extensions §1: a disconnected
/// publisher is no source, it has no address to fetch from).
/// </summary>
internal sealed class FindSourcesListsDisconnected : PlantedHandler
{
    public override async ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost)
    {
        var reply = await base.HandleAsync(request, clientHost);
        if (request is FindSourcesRequest find && reply is { Code: 0, Users: { } sources })
        {
            var offline = Registry.Snapshot()
                .Where(u => !u.Connected && u.Name != find.User && u.Files.Any(f => f.FileName == find.FileName))
                .Select(u => new UserEntry(u.Name, u.Ip, u.Port));
            return reply with { Users = [.. sources, .. offline] };
        }

        return reply;
    }
}
