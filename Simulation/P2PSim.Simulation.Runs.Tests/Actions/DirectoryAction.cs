using P2PSim.Peer;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Simulation.Runs.Tests.Model;
using P2PSim.Simulation.Runs.Tests.Scenario;

namespace P2PSim.Simulation.Runs.Tests.Actions;

/// <summary>
/// One classic directory operation on the peer's own user through the real <see cref="DirectoryClient"/>. The reply
/// is judged against the user's model; a lost reply (or a crash meanwhile) leaves the outcome open.
/// </summary>
internal sealed class DirectoryAction(Operation operation, int weight) : PeerAction(operation.WireName(), weight)
{
    public override async Task RunAsync(SimPeer peer, SimWorld world)
    {
        var op = Choose(peer, world);
        var generation = peer.Generation;
        DirectoryReply reply;
        try
        {
            reply = await SendAsync(peer, op);
        }
        catch (DirectoryUnavailableException e)
        {
            peer.Model.ObserveUnknown(op);
            world.Record(peer, $"{op} unavailable ({e.InnerException?.GetType().Name})", ok: false);
            return;
        }

        if (generation != peer.Generation)
        {
            // The peer crashed while waiting: its process would never have seen this reply.
            peer.Model.ObserveUnknown(op);
            world.Record(peer, $"{op} -> {reply.Code} after a crash (ignored)", ok: false);
            return;
        }

        world.Record(peer, $"{op} -> {reply.Code}{Listing(reply)}", ok: true);
        if (peer.Model.Observe(op, reply.Code) is { } violation)
        {
            world.Violation(violation);
            return;
        }

        CheckListing(peer, world, op, reply);
    }

    private ModelOperation Choose(SimPeer peer, SimWorld world) => operation switch
    {
        Operation.Connect => new ModelOperation(operation, peer.Name, SimPeer.FilePort),
        Operation.Publish or Operation.Delete =>
            new ModelOperation(operation, peer.Name, File: peer.PublishableNames[peer.Random.Next(peer.PublishableNames.Count)]),
        Operation.ListContent => new ModelOperation(operation, peer.Name, RemoteUser: ActionCatalogue.AnyUser(peer, world)),
        _ => new ModelOperation(operation, peer.Name),
    };

    private static Task<DirectoryReply> SendAsync(SimPeer peer, ModelOperation op)
    {
        var client = peer.Client;
        var user = peer.Name;
        return op.Operation switch
        {
            Operation.Register => client.RegisterAsync(user),
            Operation.Unregister => client.UnregisterAsync(user),
            Operation.Connect => client.ConnectAsync(user, op.Port),
            Operation.Disconnect => client.DisconnectAsync(user),
            Operation.Publish => client.PublishAsync(user, op.File!, "about " + op.File),
            Operation.Delete => client.DeleteAsync(user, op.File!),
            Operation.ListUsers => client.ListUsersAsync(user),
            Operation.ListContent => client.ListContentAsync(user, op.RemoteUser!),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op.Operation, null),
        };
    }

    /// <summary>A listing must show the user as the model knows it, when the model is sure.</summary>
    private static void CheckListing(SimPeer peer, SimWorld world, ModelOperation op, DirectoryReply reply)
    {
        if (!reply.IsOk || !peer.Model.SurelyConnected(out var state))
        {
            return;
        }

        if (op.Operation == Operation.ListUsers &&
            reply.Users?.Count(u => u.Name == peer.Name && u.Ip == state.Ip && u.Port == state.Port) != 1)
        {
            world.Violation($"{peer.Name}: LIST_USERS does not show it once at {state.Ip}:{state.Port}: {Listing(reply)}");
        }

        if (op.Operation == Operation.ListContent && op.RemoteUser == peer.Name &&
            UserState.Join(reply.Files?.Select(f => f.FileName) ?? []) != state.Files)
        {
            world.Violation($"{peer.Name}: LIST_CONTENT of itself gave {Listing(reply)}, the model says [{state.Files}]");
        }
    }

    private static string Listing(DirectoryReply reply) =>
        reply.Users is { } users ? " users[" + string.Join(',', users.Select(u => $"{u.Name}@{u.Ip}:{u.Port}")) + "]"
        : reply.Files is { } files ? " files[" + string.Join(',', files.Select(f => f.FileName)) + "]"
        : "";
}
