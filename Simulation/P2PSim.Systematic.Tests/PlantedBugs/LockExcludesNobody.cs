using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer.Registry;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// (h) A reader/writer lock that excludes nobody, under the real <see cref="DirectoryRegistry"/>: two CONNECTs of
/// one user both find it disconnected and both win. The lock has no synchronization at all, so Coyote has no
/// lock point to switch at; the window sits in <c>DirectoryRegistry.Connect</c> between reading <c>Connected</c>
/// (a property getter, which the rewrite never instruments) and the branch on it. Memory-access race checking
/// does not reach it; control-flow race checking, with a point before every branch, does.
/// </summary>
internal static class LockExcludesNobody
{
    public static PlantedBug Bug { get; } = new(
        "lock-excludes-nobody",
        "a reader/writer lock that excludes nobody: two CONNECTs of one user both succeed in the real registry",
        RaceChecking.ControlFlow, Bound: 200, ScenarioAsync, "CONNECTs of one user succeeded");

    private static async Task ScenarioAsync()
    {
        var registry = new DirectoryRegistry(new NoLock());
        registry.Register("alice");
        var first = Task.Run(() => registry.Connect("alice", "127.0.0.1", 7001));
        var second = Task.Run(() => registry.Connect("alice", "127.0.0.2", 7002));
        await Task.WhenAll(new[] { first, second });

        var won = (first.Result == RegistryStatus.Ok ? 1 : 0) + (second.Result == RegistryStatus.Ok ? 1 : 0);
        Specification.Assert(won == 1, $"{won} CONNECTs of one user succeeded");
    }

    private sealed class NoLock : IReaderWriterLock
    {
        public bool IsWriteHeld => false;

        public void EnterRead()
        {
        }

        public void ExitRead()
        {
        }

        public void EnterWrite()
        {
        }

        public void ExitWrite()
        {
        }
    }
}
