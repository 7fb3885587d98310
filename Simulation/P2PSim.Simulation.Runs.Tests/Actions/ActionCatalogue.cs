using P2PSim.Protocol;
using P2PSim.Simulation.Runs.Tests.Scenario;

namespace P2PSim.Simulation.Runs.Tests.Actions;

/// <summary>The operations simulated peers choose from, with their weights. Add new kinds here.</summary>
internal static class ActionCatalogue
{
    private static readonly PeerAction Register = new DirectoryAction(Operation.Register, 6);
    private static readonly PeerAction Connect = new DirectoryAction(Operation.Connect, 6);

    public static IReadOnlyList<PeerAction> All { get; } =
    [
        Register,
        Connect,
        new DirectoryAction(Operation.Publish, 10),
        new DirectoryAction(Operation.Delete, 3),
        new DirectoryAction(Operation.ListUsers, 4),
        new DirectoryAction(Operation.ListContent, 4),
        new DirectoryAction(Operation.Disconnect, 2),
        new DirectoryAction(Operation.Unregister, 1),
        new DownloadAction(10),
        new MultiSourceDownloadAction(3),
    ];

    /// <summary>
    /// Draws the peer's next action: mostly what its user needs next (register, then connect), as a person at the
    /// shell would do; otherwise any action, weighted, so the error paths are exercised too.
    /// </summary>
    public static PeerAction Pick(SimPeer peer)
    {
        var random = peer.Random;
        if (random.Next(10) < 8)
        {
            if (peer.Model.Possible.All(s => !s.Registered))
            {
                return Register;
            }

            if (peer.Model.Possible.All(s => s.Registered && !s.Connected))
            {
                return Connect;
            }
        }

        var total = All.Sum(a => a.Weight);
        var draw = random.Next(total);
        foreach (var action in All)
        {
            draw -= action.Weight;
            if (draw < 0)
            {
                return action;
            }
        }

        return All[^1];
    }

    /// <summary>A user name to ask about: usually a peer of the run, sometimes one that never exists.</summary>
    public static string AnyUser(SimPeer peer, SimWorld world) =>
        peer.Random.Next(8) == 0 ? "nobody" : world.Peers[peer.Random.Next(world.Peers.Count)].Name;
}
