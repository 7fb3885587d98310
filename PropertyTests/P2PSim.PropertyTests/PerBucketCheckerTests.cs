using P2PSim.PropertyTests.Concurrency;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Model;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.PropertyTests;

/// <summary>
/// The per-bucket check of a cluster's reads across buckets (<see cref="PerBucketSteps"/>) on hand-made histories:
/// it admits what docs/registry-stores.md §4 allows (each bucket read at its own point) and still rejects what no
/// bucket-by-bucket read can give.
/// </summary>
public sealed class PerBucketCheckerTests
{
    private const string Ip = TestNetwork.ClientIp;

    // z asks; x and y connect one after the other while z's LIST_USERS gathers. Three users, three buckets.
    private static readonly Dictionary<string, int> Buckets = new() { ["z"] = 0, ["x"] = 1, ["y"] = 2 };

    [Fact]
    public void A_gather_that_sees_only_the_second_of_two_changes_is_per_bucket_consistent_not_linearizable()
    {
        HistoryEvent[] history =
        [
            ListUsers(1, "z", 0, 10, ("z", 7000), ("y", 7002)),
            Event(2, Connect("x", 7001), 1, 2, 0),
            Event(2, Connect("y", 7002), 3, 4, 0),
        ];

        Assert.False(LinearizabilityChecker.Check(Start(), history, Ip).Linearizable);
        var perBucket = LinearizabilityChecker.Check(Start(), Steps(history), Ip);
        Assert.True(perBucket.Linearizable);
        Assert.Contains(perBucket.Witness, s => s.Part == "bucket 1"); // x's bucket read before x connected
    }

    [Fact]
    public void A_gather_listing_a_user_no_bucket_ever_had_connected_is_rejected()
    {
        HistoryEvent[] history =
        [
            ListUsers(1, "z", 0, 10, ("z", 7000), ("x", 7009)),
            Event(2, Connect("x", 7001), 1, 2, 0),
        ];

        Assert.False(LinearizabilityChecker.Check(Start(), Steps(history), Ip).Linearizable);
    }

    [Fact]
    public void The_other_buckets_are_read_after_the_anchor_never_before()
    {
        // z is not connected until 5–6, so the anchor (z's check) passes only after 6; y disconnected at 1–2, so
        // only a read of y's bucket before 1 lists y. Reading it before the anchor is what the store never does.
        var start = Start();
        start.Apply(Disconnect("z"), Ip);
        start.Apply(Connect("y", 7002), Ip);
        HistoryEvent[] history =
        [
            ListUsers(1, "z", 0, 10, ("z", 7000), ("y", 7002)),
            Event(2, Disconnect("y"), 1, 2, 0),
            Event(3, Connect("z", 7000), 5, 6, 0),
        ];

        Assert.False(LinearizabilityChecker.Check(start, Steps(history), Ip).Linearizable);
    }

    [Fact]
    public void Operations_within_one_bucket_stay_linearizable()
    {
        // The caller's own bucket is its anchor: a LIST_USERS that misses z's own CONNECT which returned before it
        // was invoked is wrong per bucket too.
        var start = Start();
        start.Apply(Disconnect("z"), Ip);
        HistoryEvent[] history =
        [
            Event(1, Connect("z", 7000), 0, 1, 0),
            ListUsers(2, "z", 2, 3),
        ];

        Assert.False(LinearizabilityChecker.Check(start, Steps(history), Ip).Linearizable);
    }

    /// <summary>x and y registered, z registered and connected at 7000.</summary>
    private static DirectoryModel Start()
    {
        var model = new DirectoryModel();
        foreach (var user in new[] { "z", "x", "y" })
        {
            model.Apply(Command(Operation.Register, user), Ip);
        }

        model.Apply(Connect("z", 7000), Ip);
        return model;
    }

    private static IReadOnlyList<HistoryStep> Steps(IReadOnlyList<HistoryEvent> history) => PerBucketSteps.Of(history, Buckets.Keys, u => Buckets[u]);

    private static DirectoryCommand Command(Operation operation, string user) => new(operation, user, 1, "x", string.Empty, user, false);

    private static DirectoryCommand Connect(string user, int port) => Command(Operation.Connect, user) with { Port = port };

    private static DirectoryCommand Disconnect(string user) => Command(Operation.Disconnect, user);

    private static HistoryEvent ListUsers(int client, string user, double invoked, double returned, params (string Name, int Port)[] listed) =>
        new(client, Command(Operation.ListUsers, user), invoked, returned,
            new DirectoryReply(Operation.ListUsers, 0) { Users = [.. listed.Select(u => new UserEntry(u.Name, Ip, u.Port))] });

    private static HistoryEvent Event(int client, DirectoryCommand command, double invoked, double returned, int code) =>
        new(client, command, invoked, returned, new DirectoryReply(command.Operation, code));
}
