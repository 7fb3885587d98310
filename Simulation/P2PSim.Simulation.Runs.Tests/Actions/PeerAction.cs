using P2PSim.Simulation.Runs.Tests.Scenario;

namespace P2PSim.Simulation.Runs.Tests.Actions;

/// <summary>
/// One kind of thing a simulated peer does. A new kind (the multi-source download, say) is one subclass plus one line
/// in <see cref="ActionCatalogue"/>: it draws its arguments from <see cref="SimPeer.Random"/>, runs real product code,
/// records what happened with <see cref="SimWorld.Record"/> and reports broken promises with
/// <see cref="SimWorld.Violation"/>.
/// </summary>
internal abstract class PeerAction(string name, int weight)
{
    public string Name { get; } = name;

    /// <summary>Relative frequency among the catalogue's actions.</summary>
    public int Weight { get; } = weight;

    public abstract Task RunAsync(SimPeer peer, SimWorld world);
}
