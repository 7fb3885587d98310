using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.Systematic.Tests.RealCode.Journal;

/// <summary>
/// The real <see cref="DurableRegistryStore"/> over <see cref="MemoryJournalStorage"/>: clients walk their users
/// through REGISTER, CONNECT and PUBLISH while the store compacts every few records and a power cut strikes at a
/// moment Coyote picks (a copy of what the disk holds then). Reopened from that copy, the registry holds every
/// change answered before the cut, each user at least as far along as its last answer: no answered change is lost
/// in the journal, the snapshot, or the rotation between them.
/// </summary>
internal static class DurableStoreScenario
{
    public static async Task RunAsync(int clients, int compactEvery)
    {
        var storage = new MemoryJournalStorage();
        var store = await DurableRegistryStore.OpenAsync(storage, new DurableStoreOptions { CompactAfterRecords = compactEvery });
        var gate = new object();
        var answered = new Dictionary<string, int>(StringComparer.Ordinal); // user → steps answered 0
        MemoryJournalStorage? disk = null;
        Dictionary<string, int>? answeredBeforeCut = null;

        var running = new List<Task>();
        for (var c = 0; c < clients; c++)
        {
            var user = $"user{c}";
            running.Add(Task.Run(async () =>
            {
                var steps = new Func<ValueTask<RegistryStatus>>[]
                {
                    () => store.RegisterAsync(user),
                    () => store.ConnectAsync(user, "127.0.0.1", 7000, Caller.Anonymous),
                    () => store.PublishAsync(user, "file.bin", "d", Caller.Anonymous),
                };
                for (var step = 0; step < steps.Length; step++)
                {
                    var status = await steps[step]();
                    Specification.Assert(status == RegistryStatus.Ok, $"{user}'s step {step} answered {status}");
                    lock (gate)
                    {
                        answered[user] = step + 1;
                    }
                }
            }));
        }

        running.Add(Task.Run(() =>
        {
            lock (gate)
            {
                disk = storage.CopyOfDisk();
                answeredBeforeCut = new Dictionary<string, int>(answered, StringComparer.Ordinal);
            }
        }));

        await Task.WhenAll(running.ToArray());
        await store.CompactAsync();
        await store.DisposeAsync();

        await using var reopened = await DurableRegistryStore.OpenAsync(disk!);
        var users = (await reopened.SnapshotAsync()).ToDictionary(u => u.Name, StringComparer.Ordinal);
        foreach (var (user, steps) in answeredBeforeCut!)
        {
            var level = !users.TryGetValue(user, out var found) ? 0 : found.Files.Count > 0 ? 3 : found.Connected ? 2 : 1;
            Specification.Assert(level >= steps, $"{user} answered {steps} steps before the cut, {level} survived it");
        }
    }
}
