using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Planted;

/// <summary>
/// Wrong only under concurrency: CONNECT checks the user's state under one lock hold, yields, then acts under
/// another (check-then-act), overwriting whatever happened in between. Run alone, each CONNECT is right; two
/// overlapping CONNECTs of the same user can both succeed, which no order of the two allows.
/// </summary>
internal sealed class CheckThenActConnect(TimeSpan gap) : PlantedHandler
{
    public override async ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost)
    {
        if (request is not ConnectRequest c)
        {
            return await base.HandleAsync(request, clientHost);
        }

        var checkedUser = Registry.Snapshot().FirstOrDefault(u => u.Name == c.User);
        if (checkedUser is null)
        {
            return Reply(c.Operation, RegistryStatus.NoSuchUser);
        }

        if (checkedUser.Connected)
        {
            return Reply(c.Operation, RegistryStatus.AlreadyConnected);
        }

        await Task.Delay(gap);

        // Act on the stale check: whatever connected the user meanwhile is overwritten.
        Registry.Disconnect(c.User);
        return Reply(c.Operation, Registry.Connect(c.User, clientHost, c.Port));
    }
}
