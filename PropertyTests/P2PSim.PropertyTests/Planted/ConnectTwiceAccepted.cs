using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Planted;

/// <summary>Wrong: CONNECT of a user already connected succeeds and moves it to the new address (spec: code 2).</summary>
internal sealed class ConnectTwiceAccepted : PlantedHandler
{
    public override async ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost)
    {
        var reply = await base.HandleAsync(request, clientHost);
        if (request is ConnectRequest c && reply.Code == 2)
        {
            Registry.Disconnect(c.User);
            return Reply(c.Operation, Registry.Connect(c.User, clientHost, c.Port));
        }

        return reply;
    }
}
