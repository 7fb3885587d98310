namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>Every planted bug, in report order.</summary>
internal static class PlantedBugCatalogue
{
    public static IReadOnlyList<PlantedBug> All { get; } =
    [
        LostUpdatePublish.Bug,
        ReaderBesideWriter.Bug,
        CheckThenActConnect.Bug,
        LogDuplicatedAcrossRetry.Bug,
        BlockCountedTwice.Bug,
        EndgameCopyCountedTwice.Bug,
        LostWakeup.Bug,
        UnsynchronizedCounter.Bug,
        LockExcludesNobody.Bug,
    ];

    public static PlantedBug Named(string name) => All.Single(b => b.Name == name);
}
