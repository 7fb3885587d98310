using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Planted;

/// <summary>Wrong: LIST_USERS also lists registered users that are not connected (spec: connected users only).</summary>
internal sealed class ListsDisconnectedUsers : PlantedHandler
{
    public override async ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost)
    {
        var reply = await base.HandleAsync(request, clientHost);
        if (request is ListUsersRequest && reply is { Code: 0, Users: { } users })
        {
            var offline = Registry.Snapshot().Where(u => !u.Connected).Select(u => new UserEntry(u.Name, u.Ip, u.Port));
            return reply with { Users = [.. users, .. offline] };
        }

        return reply;
    }
}
