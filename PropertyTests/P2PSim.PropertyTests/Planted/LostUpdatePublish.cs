using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Planted;

/// <summary>
/// Wrong only under concurrency: PUBLISH reads the user's file list, yields, then writes back the list it read
/// plus the new file (read-modify-write), so a file another request published in between is lost. Every reply is
/// still plausible; only the final registry state gives it away.
/// </summary>
internal sealed class LostUpdatePublish(TimeSpan gap) : PlantedHandler
{
    public override async ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost)
    {
        if (request is not PublishRequest p || Registry.Snapshot().FirstOrDefault(u => u.Name == p.User) is not { Connected: true } read)
        {
            return await base.HandleAsync(request, clientHost);
        }

        if (read.Files.Any(f => f.FileName == p.FileName))
        {
            return Reply(p.Operation, RegistryStatus.AlreadyPublished);
        }

        await Task.Delay(gap);

        // Write back what was read plus the new file: whatever was published meanwhile disappears.
        var now = Registry.Snapshot().FirstOrDefault(u => u.Name == p.User)?.Files ?? [];
        foreach (var file in now.Where(f => read.Files.All(r => r.FileName != f.FileName)))
        {
            Registry.Delete(p.User, file.FileName);
        }

        var status = Registry.Publish(p.User, p.FileName, p.Description);
        return Reply(p.Operation, status == RegistryStatus.AlreadyPublished ? RegistryStatus.Ok : status);
    }
}
