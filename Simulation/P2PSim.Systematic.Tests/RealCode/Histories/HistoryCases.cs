using FsCheck.Fluent;
using P2PSim.PropertyTests.Concurrency;
using P2PSim.PropertyTests.Model;

namespace P2PSim.Systematic.Tests.RealCode.Histories;

/// <summary>
/// The concurrent cases of the property tests' linearizability property (<see cref="ConcurrentGenerators"/>),
/// drawn once from a fixed FsCheck seed so every run, and every replay of a trace by scenario name, sees the same
/// <see cref="Count"/> histories. Only cases whose requests a client sends at all are kept (the generator makes
/// none other today).
/// </summary>
internal static class HistoryCases
{
    public const int Count = 24;

    private const ulong FsCheckSeed = 20261202;
    private const int Size = 50;

    public static IReadOnlyList<ConcurrentCase> All { get; } =
    [
        .. ConcurrentGenerators.Case.Sample(Size, new FsCheck.Rnd(FsCheckSeed), Count * 2)
            .Where(c => c.Setup.Concat(c.Clients.SelectMany(l => l)).All(WellFormedRequest.IsSendable))
            .Take(Count),
    ];

    /// <summary>The scenario name of case <paramref name="index"/>, its trace folder under <c>.coyote-traces/</c>.</summary>
    public static string Name(int index) => $"registry-real-history-{index:00}";
}
