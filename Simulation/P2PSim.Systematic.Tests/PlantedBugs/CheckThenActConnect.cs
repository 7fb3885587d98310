using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer.Registry;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// (c) Check-then-act on CONNECT: "is the user connected?" under the read lock, "connect it" under a separate
/// write lock. Two CONNECTs of one user both win and the registry keeps whichever wrote last. The product registry
/// checks and connects in one write-locked step.
/// </summary>
internal static class CheckThenActConnect
{
    public static PlantedBug Bug { get; } = new(
        "check-then-act-connect",
        "CONNECT checks under the read lock and connects under another: two CONNECTs of one user both succeed",
        RaceChecking.Synchronization, Bound: 200, ScenarioAsync, "CONNECTs of one user succeeded");

    private static async Task ScenarioAsync()
    {
        var registry = new SplitLockConnections(new MonitorReaderWriterLock());
        var first = Task.Run(() => registry.Connect("alice", "127.0.0.1", 7001));
        var second = Task.Run(() => registry.Connect("alice", "127.0.0.2", 7002));
        await Task.WhenAll(new[] { first, second });

        var won = (first.Result == RegistryStatus.Ok ? 1 : 0) + (second.Result == RegistryStatus.Ok ? 1 : 0);
        Specification.Assert(won == 1, $"{won} CONNECTs of one user succeeded");
    }

    /// <summary>The buggy variant: connection state of registered users, with the check and the act split.</summary>
    private sealed class SplitLockConnections(IReaderWriterLock rwLock)
    {
        private readonly Dictionary<string, (string Ip, int Port)> _connected = new(StringComparer.Ordinal);

        public RegistryStatus Connect(string user, string ip, int port)
        {
            using (rwLock.Read())
            {
                if (_connected.ContainsKey(user))
                {
                    return RegistryStatus.AlreadyConnected;
                }
            }

            using (rwLock.Write())
            {
                _connected[user] = (ip, port); // BUG: the check above no longer holds
            }

            return RegistryStatus.Ok;
        }
    }
}
