using Microsoft.Coyote.Specifications;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// (g) The log sink's delivery counters bumped with a plain <c>+=</c> instead of <see cref="Interlocked"/>: two
/// threads acknowledging batches at once lose an increment, and <c>Sent</c> under-reports. There is no lock or
/// await in the window, so only memory-access race checking (a scheduling point at each field load and store)
/// can split the read from the write: this is the catalogue's proof that it works.
/// </summary>
internal static class UnsynchronizedCounter
{
    public static PlantedBug Bug { get; } = new(
        "unsynchronized-counter",
        "Sent += n without Interlocked: two concurrent acknowledgements lose one",
        RaceChecking.MemoryAccess, Bound: 200, ScenarioAsync, "increments lost");

    private static async Task ScenarioAsync()
    {
        var counters = new DeliveryCounters();
        var first = Task.Run(() => counters.Acknowledged(3));
        var second = Task.Run(() => counters.Acknowledged(4));
        await Task.WhenAll(new[] { first, second });
        var sent = counters.Read();
        Specification.Assert(sent == 7, $"increments lost: Sent is {sent}, 7 entries were acknowledged");
    }

    private sealed class DeliveryCounters
    {
        private long _sent;

        // A method, not a property setter: Coyote's rewrite instruments field accesses in methods only.
        public void Acknowledged(int entries) => _sent += entries; // BUG: not Interlocked.Add

        public long Read() => Interlocked.Read(ref _sent);
    }
}
