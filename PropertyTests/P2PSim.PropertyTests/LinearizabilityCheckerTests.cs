using P2PSim.PropertyTests.Concurrency;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Model;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.PropertyTests;

/// <summary>The checker on hand-made histories whose verdict is known.</summary>
public sealed class LinearizabilityCheckerTests
{
    private const string Ip = TestNetwork.ClientIp;

    [Fact]
    public void Two_overlapping_CONNECTs_where_one_wins_are_linearizable()
    {
        var history = new[]
        {
            Event(1, Connect("a"), 0, 10, 0),
            Event(2, Connect("a"), 1, 9, 2),
        };

        var result = LinearizabilityChecker.Check(Registered("a"), history, Ip);

        Assert.True(result.Linearizable);
        Assert.Equal([1, 2], result.Witness.Select(s => s.Event.Client));
    }

    [Fact]
    public void Two_overlapping_CONNECTs_that_both_win_are_not_linearizable()
    {
        var history = new[]
        {
            Event(1, Connect("a"), 0, 10, 0),
            Event(2, Connect("a"), 1, 9, 0),
        };

        var result = LinearizabilityChecker.Check(Registered("a"), history, Ip);

        Assert.False(result.Linearizable);
        Assert.Single(result.Witness);
    }

    [Fact]
    public void A_reply_explained_only_by_a_later_operation_is_not_linearizable()
    {
        // "already registered" returned before the REGISTER that would explain it was even invoked.
        var history = new[]
        {
            Event(1, Register("a"), 0, 1, 1),
            Event(2, Register("a"), 2, 3, 0),
        };

        Assert.False(LinearizabilityChecker.Check(new DirectoryModel(), history, Ip).Linearizable);
    }

    [Fact]
    public void The_same_replies_overlapping_in_time_are_linearizable()
    {
        var history = new[]
        {
            Event(1, Register("a"), 0, 3, 1),
            Event(2, Register("a"), 1, 2, 0),
        };

        var result = LinearizabilityChecker.Check(new DirectoryModel(), history, Ip);

        Assert.True(result.Linearizable);
        Assert.Equal([2, 1], result.Witness.Select(s => s.Event.Client));
    }

    [Fact]
    public void A_final_state_no_order_reaches_is_not_linearizable()
    {
        // Both PUBLISHes succeeded, yet the registry ended with one file: a lost update.
        var initial = Registered("a");
        initial.Apply(Connect("a"), Ip);
        var history = new[]
        {
            Event(1, Publish("a", "x"), 0, 5, 0),
            Event(2, Publish("a", "y"), 1, 4, 0),
        };
        var lostUpdate = initial.Clone();
        lostUpdate.Apply(Publish("a", "x"), Ip);

        Assert.True(LinearizabilityChecker.Check(initial, history, Ip).Linearizable);
        Assert.False(LinearizabilityChecker.Check(initial, history, Ip, lostUpdate.Fingerprint()).Linearizable);
    }

    [Fact]
    public void A_LIST_USERS_must_see_a_consistent_state()
    {
        // c3 lists both users connected, but c1's DISCONNECT of a finished before c2's CONNECT of b began.
        var initial = Registered("a", "b");
        initial.Apply(Connect("a"), Ip);
        var both = new DirectoryReply(Operation.ListUsers, 0) { Users = [new UserEntry("a", Ip, 1), new UserEntry("b", Ip, 1)] };
        var history = new[]
        {
            Event(1, Command(Operation.Disconnect, "a"), 0, 1, 0),
            Event(2, Connect("b"), 2, 3, 0),
            new HistoryEvent(3, Command(Operation.ListUsers, "a"), 0, 4, both),
        };

        Assert.False(LinearizabilityChecker.Check(initial, history, Ip).Linearizable);
    }

    [Fact]
    public void A_history_of_fourteen_independent_operations_is_checked_quickly()
    {
        // Worst case for a checker without memoization: every operation overlaps every other (14! orders).
        var users = Enumerable.Range(0, 14).Select(i => $"u{i}").ToArray();
        var history = users.Select((u, i) => Event(i, Register(u), 0, 100, 0)).ToArray();

        var result = LinearizabilityChecker.Check(new DirectoryModel(), history, Ip);

        Assert.True(result.Linearizable);
        Assert.True(result.StatesExplored <= 1 << 14, $"{result.StatesExplored} states");
    }

    private static DirectoryModel Registered(params string[] users)
    {
        var model = new DirectoryModel();
        foreach (var user in users)
        {
            model.Apply(Register(user), Ip);
        }

        return model;
    }

    private static DirectoryCommand Command(Operation operation, string user) => new(operation, user, 1, "x", string.Empty, user, false);

    private static DirectoryCommand Register(string user) => Command(Operation.Register, user);

    private static DirectoryCommand Connect(string user) => Command(Operation.Connect, user);

    private static DirectoryCommand Publish(string user, string file) => Command(Operation.Publish, user) with { FileName = file };

    private static HistoryEvent Event(int client, DirectoryCommand command, double invoked, double returned, int code) =>
        new(client, command, invoked, returned, new DirectoryReply(command.Operation, code));
}
