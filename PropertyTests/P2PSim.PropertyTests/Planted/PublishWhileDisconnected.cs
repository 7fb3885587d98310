using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Planted;

/// <summary>Wrong: PUBLISH from a registered but disconnected user succeeds (spec: code 2).</summary>
internal sealed class PublishWhileDisconnected : PlantedHandler
{
    public override ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost)
    {
        if (request is PublishRequest p && Registry.Snapshot().Any(u => u.Name == p.User && !u.Connected))
        {
            return ValueTask.FromResult(Reply(p.Operation, AsIfConnected(p.User, () => Registry.Publish(p.User, p.FileName, p.Description))));
        }

        return base.HandleAsync(request, clientHost);
    }
}
