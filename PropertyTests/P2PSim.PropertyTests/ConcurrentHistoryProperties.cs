using FsCheck;
using FsCheck.Fluent;
using P2PSim.PropertyTests.Concurrency;
using P2PSim.PropertyTests.Planted;
using P2PSim.PropertyTests.Support;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// Short random batches from 2–4 clients run at once against the real server (in memory and over loopback TCP);
/// every recorded history must be linearizable against the sequential model. Planted races (a check-then-act
/// CONNECT, a lost-update PUBLISH), right when run alone, prove the property catches races and shrinks them.
/// </summary>
public sealed class ConcurrentHistoryProperties(ITestOutputHelper output)
{
    private const int Attempts = 2;

    /// <summary>The planted races' shortest histories take 3 (CONNECT) and 4 (PUBLISH) operations.</summary>
    private const int MaxShrunkRaceOperations = 5;

    /// <summary>Runs per candidate when shrinking goes on past FsCheck (see <see cref="ShrinkFurther"/>).</summary>
    private const int PatientAttempts = 12;

    [Fact]
    public void Concurrent_histories_over_the_in_memory_transport_are_linearizable() =>
        CheckHistories(ServerTarget.InMemory, PropertySettings.ConcurrentCases);

    [Fact]
    public void Concurrent_histories_over_loopback_tcp_are_linearizable() =>
        CheckHistories(ServerTarget.Tcp, PropertySettings.ConcurrentTcpCases);

    [Fact]
    public void Concurrent_histories_of_session_and_classic_clients_are_linearizable() =>
        CheckHistories(ServerTarget.Tcp, PropertySettings.ConcurrentTcpCases, ClientMode.Mixed);

    [Fact]
    public void Concurrent_histories_of_session_clients_are_linearizable() =>
        CheckHistories(ServerTarget.InMemory, PropertySettings.ConcurrentCases, ClientMode.Session);

    public static TheoryData<string> ConcurrentBugs { get; } = [.. PlantedBugs.Concurrent.Keys];

    [Theory]
    [MemberData(nameof(ConcurrentBugs))]
    public void A_planted_race_is_caught_and_shrunk_to_a_short_history(string bug)
    {
        ConcurrentCase? shrunk = null;
        var report = string.Empty;
        var server = HandlerServer.Factory(() => PlantedBugs.Concurrent[bug](PlantedBugs.RaceWindow));
        var property = HistoryProperty(ServerTarget.InMemory, server, attempts: 6, (c, text) => (shrunk, report) = (c, text));

        var failure = Assert.ThrowsAny<Exception>(() => Check.One(PropertySettings.Config(PropertySettings.ConcurrentCases), property));

        output.WriteLine($"{bug}: {PropertySettings.Describe(PropertySettings.ConcurrentCases)}");
        output.WriteLine(failure.Message);
        Assert.NotNull(shrunk);
        Assert.Contains("NOT LINEARIZABLE", report, StringComparison.Ordinal);
        Assert.Contains(report, failure.Message, StringComparison.Ordinal);
        output.WriteLine($"FsCheck shrank it to {shrunk.Count} operations");

        (shrunk, report) = ShrinkFurther(shrunk, report, server);
        output.WriteLine($"shrunk to {shrunk.Count} operations");
        Assert.True(shrunk.Count <= MaxShrunkRaceOperations, $"shrunk to {shrunk}\n{report}");
        Assert.Contains("NOT LINEARIZABLE", report, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ConcurrentBugs))]
    public void A_planted_race_passes_every_sequential_session(string bug)
    {
        // Why the concurrent property exists: one request at a time, the planted races are invisible.
        var cases = PropertySettings.ConcurrentTcpCases;
        output.WriteLine(PropertySettings.Describe(cases));
        Check.One(
            PropertySettings.Config(cases),
            RegistryModelProperties.SessionProperty(
                ServerTarget.InMemory, () => new Model.DirectoryModel(), (_, _) => { }, HandlerServer.Factory(() => PlantedBugs.Concurrent[bug](TimeSpan.FromMilliseconds(1)))));
    }

    /// <summary>The history property; <paramref name="onFailure"/> sees every failing case, the last being the shrunk one.</summary>
    internal static Property HistoryProperty(
        ServerTarget target, ServerFactory server, int attempts, Action<ConcurrentCase, string> onFailure, ClientMode mode = ClientMode.Classic) =>
        Prop.ForAll(ConcurrentGenerators.Arbitrary, c =>
        {
            var outcome = HistoryRunner.Run(c, target, server, attempts, mode);
            if (!outcome.Passed)
            {
                onFailure(c, outcome.Transcript);
            }

            return outcome.Passed.Label(outcome.Transcript);
        });

    /// <summary>
    /// FsCheck stops where no smaller history fails within its runs per candidate, and a smaller racy history can
    /// pass a few runs by luck (the clients happened not to overlap, or a request that the race needed first came
    /// second). Shrinking goes on from there with more runs per candidate, greedily, until no smaller history fails.
    /// </summary>
    private static (ConcurrentCase Case, string Report) ShrinkFurther(ConcurrentCase shrunk, string report, ServerFactory server)
    {
        var smaller = true;
        while (smaller)
        {
            smaller = false;
            // Smaller means fewer requests, or as many with fewer of them concurrent: the order strictly decreases.
            foreach (var candidate in ConcurrentGenerators.Shrink(shrunk).Where(c =>
                c.Count < shrunk.Count || (c.Count == shrunk.Count && c.ConcurrentCount < shrunk.ConcurrentCount)))
            {
                var outcome = HistoryRunner.Run(candidate, ServerTarget.InMemory, server, PatientAttempts);
                if (!outcome.Passed)
                {
                    (shrunk, report, smaller) = (candidate, outcome.Transcript, true);
                    break;
                }
            }
        }

        return (shrunk, report);
    }

    private void CheckHistories(ServerTarget target, int cases, ClientMode mode = ClientMode.Classic)
    {
        output.WriteLine($"{target}, {mode}: {PropertySettings.Describe(cases)}, {Attempts} runs per case");
        Check.One(PropertySettings.Config(cases), HistoryProperty(target, RealServer.Factory, Attempts, (_, _) => { }, mode));
    }
}
