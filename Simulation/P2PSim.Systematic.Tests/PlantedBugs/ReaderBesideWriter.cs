using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer.Registry;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// (b) A reader/writer lock whose readers ignore an active writer, under the real <see cref="DirectoryRegistry"/>:
/// LIST_USERS runs beside DISCONNECT and reports a user that is connected with no address. The window is between
/// the reader's check of <c>Connected</c> and its read of the address, which only control-flow race checking makes
/// a scheduling point (no explicit points anywhere). The registry builds the list only when the connected users have
/// changed since the last one, so the reader asks four times: each DISCONNECT gives it another build to tear.
/// </summary>
internal static class ReaderBesideWriter
{
    public static PlantedBug Bug { get; } = new(
        "reader-beside-writer",
        "reader/writer lock lets a reader in beside a writer: LIST_USERS sees a torn DISCONNECT",
        RaceChecking.ControlFlow, Bound: 1000, () => ScenarioAsync(new ReaderIgnoresWriterLock()), "half connected");

    /// <summary>DISCONNECT and LIST_USERS race on the real registry under <paramref name="rwLock"/>.</summary>
    public static async Task ScenarioAsync(IReaderWriterLock rwLock)
    {
        var registry = new DirectoryRegistry(rwLock);
        registry.Register("observer");
        registry.Connect("observer", "127.0.0.9", 9000);
        string[] peers = ["alice", "bob", "carol"];
        for (var i = 0; i < peers.Length; i++)
        {
            registry.Register(peers[i]);
            registry.Connect(peers[i], $"127.0.0.{i + 1}", 7001 + i);
        }

        var writer = Task.Run(() =>
        {
            foreach (var peer in peers)
            {
                registry.Disconnect(peer);
            }
        });
        var reader = Task.Run(() =>
        {
            for (var i = 0; i < 4; i++)
            {
                if (registry.ListUsers("observer", out var users) == RegistryStatus.Ok)
                {
                    foreach (var user in users)
                    {
                        Specification.Assert(user.Port != 0 && user.Ip.Length > 0, $"LIST_USERS saw {user.Name} half connected: '{user.Ip}':{user.Port}");
                    }
                }
            }
        });
        await Task.WhenAll(new[] { writer, reader });
    }

    /// <summary>The product's writer-preferring Monitor lock, minus one condition: readers wait for waiting writers only.</summary>
    private sealed class ReaderIgnoresWriterLock : IReaderWriterLock
    {
        private readonly object _gate = new();
        private int _readers;
        private int _waitingWriters;
        private bool _writer;

        public bool IsWriteHeld => Volatile.Read(ref _writer);

        public void EnterRead()
        {
            lock (_gate)
            {
                while (_waitingWriters > 0) // BUG: should also wait while _writer holds the lock
                {
                    System.Threading.Monitor.Wait(_gate);
                }

                _readers++;
            }
        }

        public void ExitRead()
        {
            lock (_gate)
            {
                _readers--;
                System.Threading.Monitor.PulseAll(_gate);
            }
        }

        public void EnterWrite()
        {
            lock (_gate)
            {
                _waitingWriters++;
                while (_writer || _readers > 0)
                {
                    System.Threading.Monitor.Wait(_gate);
                }

                _waitingWriters--;
                _writer = true;
            }
        }

        public void ExitWrite()
        {
            lock (_gate)
            {
                _writer = false;
                System.Threading.Monitor.PulseAll(_gate);
            }
        }
    }
}
