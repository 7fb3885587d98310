using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// Every write that changes the connected users (CONNECT, DISCONNECT, UNREGISTER of a connected user), each alone
/// beside a LIST_USERS reader, through the server's request path and list cache (<see cref="WireDirectory"/>).
/// After each, the LIST_USERS answer must be exactly the connected users: a list the reader built while the write
/// was under way, and that the write failed to drop, shows here. One writer and one reader make that window likely
/// on every few schedules; the identical-request rounds, with three writers each clearing the list, rarely open it.
/// </summary>
internal static class WritesBesideReaderScenario
{
    private const string Host = TestNetwork.ClientIp;

    public static async Task RunAsync()
    {
        var directory = new WireDirectory();
        var connected = new Dictionary<string, int>(StringComparer.Ordinal);
        ListUsersCheck.Sequential(directory, connected, new RegisterRequest(null, ListUsersCheck.Caller), new ConnectRequest(null, ListUsersCheck.Caller, 9000));
        ListUsersCheck.Sequential(directory, connected, new RegisterRequest(null, "dave"), new ConnectRequest(null, "dave", 9001), new RegisterRequest(null, "carol"));
        ListUsersCheck.ExpectConnected(directory, connected, "after the setup");

        DirectoryRequest[] writes =
        [
            new ConnectRequest(null, "carol", 7001),
            new DisconnectRequest(null, "dave"),
            new ConnectRequest(null, "dave", 7002),
            new UnregisterRequest(null, "carol"),
            new DisconnectRequest(null, "dave"),
        ];
        foreach (var write in writes)
        {
            var writer = Task.Run(() => directory.Send(write, Host));
            var reader = Task.Run(() => ListUsersCheck.Listed(directory, $"beside {write.Operation.WireName()} {write.User}"));
            await Task.WhenAll(new Task[] { writer, reader });
            Expect.That(writer.Result.Code == 0, $"{write.Operation.WireName()} {write.User} was answered {writer.Result.Code}");
            ListUsersCheck.Apply(connected, write);
            ListUsersCheck.ExpectConnected(directory, connected, $"after {write.Operation.WireName()} {write.User}");
        }
    }
}
