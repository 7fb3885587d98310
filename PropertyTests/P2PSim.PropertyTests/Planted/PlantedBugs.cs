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
    };
}
