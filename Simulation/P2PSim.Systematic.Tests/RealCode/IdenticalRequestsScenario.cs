using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// The real registry behind the server's request path (<see cref="WireDirectory"/>): one user's life as rounds of
/// <see cref="Racers"/> identical requests sent at once (REGISTER, CONNECT, PUBLISH, DELETE, DISCONNECT,
/// UNREGISTER), each beside a LIST_USERS reader. Asserts, for every round: exactly one request wins and the others
/// get the operation's "lost" code; the reader's answers are the connected users before or after the round, every
/// one fully connected; after the round, the LIST_USERS answer (through the server's list cache) is exactly the
/// connected users. Every change is checked to happen under the write lock (<see cref="WriteLockObserver"/>). A
/// sequential swap (one user leaves, another joins, the list keeps its length) sits between two rounds so a cache
/// that recognises a list by anything but its identity shows.
/// </summary>
internal static class IdenticalRequestsScenario
{
    public const int Racers = 3;

    private const string Caller = ListUsersCheck.Caller;
    private const string Racer = "carol";
    private const string Song = "song.mp3";
    private const string Host = TestNetwork.ClientIp;

    public static async Task RunAsync()
    {
        var directory = new WireDirectory();
        var connected = new Dictionary<string, int>(StringComparer.Ordinal);
        ListUsersCheck.Sequential(directory, connected, new RegisterRequest(null, Caller), new ConnectRequest(null, Caller, 9000));
        ListUsersCheck.Sequential(directory, connected, new RegisterRequest(null, "dave"), new ConnectRequest(null, "dave", 9001));
        ListUsersCheck.Sequential(directory, connected, new RegisterRequest(null, "erin"));
        ListUsersCheck.ExpectConnected(directory, connected, "after the setup");

        await RoundAsync(directory, connected, i => new RegisterRequest(null, Racer), RegistryStatus.AlreadyRegistered);
        await RoundAsync(directory, connected, i => new ConnectRequest(null, Racer, 7001 + i), RegistryStatus.AlreadyConnected);

        // The swap: the list changes but keeps its length; no LIST_USERS between the two changes.
        ListUsersCheck.Sequential(directory, connected, new DisconnectRequest(null, "dave"), new ConnectRequest(null, "erin", 9002));
        ListUsersCheck.ExpectConnected(directory, connected, "after dave left and erin joined");

        await RoundAsync(directory, connected, i => new PublishRequest(null, Racer, Song, $"take {i}"), RegistryStatus.AlreadyPublished);
        ExpectFiles(directory, 1);
        await RoundAsync(directory, connected, i => new DeleteRequest(null, Racer, Song), RegistryStatus.NotPublished);
        ExpectFiles(directory, 0);
        await RoundAsync(directory, connected, i => new DisconnectRequest(null, Racer), RegistryStatus.NotConnected);

        // UNREGISTER of a connected user must drop it from the list too.
        ListUsersCheck.Sequential(directory, connected, new ConnectRequest(null, Racer, 7101));
        ListUsersCheck.ExpectConnected(directory, connected, "after carol connected again");
        await RoundAsync(directory, connected, i => new UnregisterRequest(null, Racer), RegistryStatus.NoSuchUser);

        Expect.That(directory.Observer.Changes == 14, $"the registry reported {directory.Observer.Changes} changes, expected 14");
    }

    /// <summary>
    /// <see cref="Racers"/> copies of one request at once, beside a LIST_USERS reader; updates
    /// <paramref name="connected"/> from the winner's reply.
    /// </summary>
    private static async Task RoundAsync(
        WireDirectory directory, Dictionary<string, int> connected, Func<int, DirectoryRequest> request, RegistryStatus loses)
    {
        var operation = request(0).Operation;
        var before = connected.Keys.ToHashSet(StringComparer.Ordinal);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(() => directory.Send(request(i), Host))).ToArray();
        var reader = Task.Run(() =>
        {
            for (var i = 0; i < 2; i++)
            {
                var names = ListUsersCheck.Listed(directory, $"during the {operation.WireName()} round").Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
                var after = operation switch
                {
                    Operation.Connect => before.Append(Racer).ToHashSet(StringComparer.Ordinal),
                    Operation.Disconnect or Operation.Unregister => before.Where(n => n != Racer).ToHashSet(StringComparer.Ordinal),
                    _ => before,
                };
                Expect.That(names.SetEquals(before) || names.SetEquals(after),
                    $"LIST_USERS during the {operation.WireName()} round listed {{{string.Join(", ", names)}}}: neither the users before nor after it");
            }
        });
        await Task.WhenAll(racers.Append(reader).ToArray());

        var codes = racers.Select(t => t.Result.Code).ToArray();
        var lost = ResultCodes.For(operation, loses);
        var winners = Enumerable.Range(0, Racers).Where(i => codes[i] == 0).ToArray();
        Expect.That(winners.Length == 1 && codes.All(c => c == 0 || c == lost),
            $"{Racers} identical {operation.WireName()} requests were answered {string.Join(", ", codes)}: expected one 0 and {lost} for the others");

        ListUsersCheck.Apply(connected, request(winners[0]));
        ListUsersCheck.ExpectConnected(directory, connected, $"after the {operation.WireName()} round");
    }

    private static void ExpectFiles(WireDirectory directory, int count)
    {
        var reply = directory.Send(new ListContentRequest(null, Caller, Racer), Host);
        Expect.That(reply.Code == 0 && reply.Files?.Count == count,
            $"LIST_CONTENT of {Racer} was answered {reply.Code} with {reply.Files?.Count} files, expected {count}");
    }
}
