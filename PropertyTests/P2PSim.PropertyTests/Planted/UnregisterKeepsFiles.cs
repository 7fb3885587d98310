using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Planted;

/// <summary>
/// Wrong: UNREGISTER forgets the user but not its files, which are still listed for the name and come back when
/// the name registers again (spec: unregistering removes everything the user published).
/// </summary>
internal sealed class UnregisterKeepsFiles : PlantedHandler
{
    private readonly Dictionary<string, IReadOnlyList<ContentEntry>> _leftovers = new(StringComparer.Ordinal);

    public override async ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost)
    {
        var files = Registry.Snapshot().FirstOrDefault(u => u.Name == request.User)?.Files ?? [];
        var reply = await base.HandleAsync(request, clientHost);
        switch (request, reply.Code)
        {
            case (UnregisterRequest, 0) when files.Count > 0:
                _leftovers[request.User] = files;
                break;
            case (RegisterRequest, 0) when _leftovers.Remove(request.User, out var kept):
                AsIfConnected(request.User, () =>
                {
                    foreach (var file in kept)
                    {
                        Registry.Publish(request.User, file.FileName, file.Description);
                    }

                    return RegistryStatus.Ok;
                });
                break;
            case (ListContentRequest l, 3) when _leftovers.TryGetValue(l.RemoteUser, out var listed):
                return new DirectoryReply(l.Operation, 0) { Files = listed };
        }

        return reply;
    }
}
