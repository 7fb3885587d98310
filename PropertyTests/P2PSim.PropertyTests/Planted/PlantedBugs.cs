namespace P2PSim.PropertyTests.Planted;

/// <summary>The catalogue of planted wrong servers, by name (test data for theories and regression seeds).</summary>
internal static class PlantedBugs
{
    /// <summary>Wrong in a single session: the sequential model property must catch each one.</summary>
    public static IReadOnlyDictionary<string, Func<PlantedHandler>> Sequential { get; } = new Dictionary<string, Func<PlantedHandler>>
    {
        ["publish-while-disconnected"] = () => new PublishWhileDisconnected(),
        ["list-users-shows-disconnected"] = () => new ListsDisconnectedUsers(),
        ["delete-another-users-file"] = () => new DeletesAnotherUsersFile(),
        ["unregister-keeps-files"] = () => new UnregisterKeepsFiles(),
        ["connect-twice-accepted"] = () => new ConnectTwiceAccepted(),
        ["find-sources-lists-disconnected"] = () => new FindSourcesListsDisconnected(),
    };

    /// <summary>Wrong in a single session, but needing six requests to show (see its remarks).</summary>
    public static IReadOnlyDictionary<string, Func<PlantedHandler>> SequentialLonger { get; } = new Dictionary<string, Func<PlantedHandler>>
    {
        ["delete-others-file-for-a-connected-caller"] = () => new DeletesFilesOfOthersForAConnectedCaller(),
    };

    /// <summary>Every sequential variant by name.</summary>
    public static IReadOnlyDictionary<string, Func<PlantedHandler>> AllSequential { get; } =
        Sequential.Concat(SequentialLonger).ToDictionary();

    /// <summary>Right one request at a time, wrong under concurrency: the concurrent history property must catch each one.</summary>
    /// <remarks>Each takes the pause between its check and its act: wide enough that overlapping requests meet in it.</remarks>
    public static IReadOnlyDictionary<string, Func<TimeSpan, PlantedHandler>> Concurrent { get; } = new Dictionary<string, Func<TimeSpan, PlantedHandler>>
    {
        ["check-then-act-connect"] = gap => new CheckThenActConnect(gap),
        ["lost-update-publish"] = gap => new LostUpdatePublish(gap),
    };

    /// <summary>The race window the concurrent tests use: far longer than an in-memory request takes, even on a busy machine.</summary>
    public static TimeSpan RaceWindow { get; } = TimeSpan.FromMilliseconds(40);
}
