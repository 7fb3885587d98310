using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// What the real-code registry scenarios expect of LIST_USERS: the server's answer (through its list cache) lists
/// exactly the connected users, each with a full address. The scenarios keep the connected users, name → port, as
/// the writes they made imply.
/// </summary>
internal static class ListUsersCheck
{
    /// <summary>The connected user every LIST_USERS is asked as.</summary>
    public const string Caller = "observer";

    private const string Host = TestNetwork.ClientIp;

    /// <summary>Requests one at a time, each of which must succeed.</summary>
    public static void Sequential(WireDirectory directory, Dictionary<string, int> connected, params DirectoryRequest[] requests)
    {
        foreach (var request in requests)
        {
            var code = directory.Send(request, Host).Code;
            Expect.That(code == 0, $"{request.Operation.WireName()} {request.User} alone was answered {code}");
            Apply(connected, request);
        }
    }

    /// <summary>Updates <paramref name="connected"/> for a request that succeeded.</summary>
    public static void Apply(Dictionary<string, int> connected, DirectoryRequest request)
    {
        switch (request)
        {
            case ConnectRequest c:
                connected[c.User] = c.Port;
                break;
            case DisconnectRequest or UnregisterRequest:
                connected.Remove(request.User);
                break;
        }
    }

    /// <summary>The LIST_USERS answer is exactly <paramref name="connected"/>.</summary>
    public static void ExpectConnected(WireDirectory directory, Dictionary<string, int> connected, string when)
    {
        var listed = Listed(directory, when).ToHashSet();
        var expected = connected.Select(c => new UserEntry(c.Key, Host, c.Value)).ToHashSet();
        Expect.That(listed.SetEquals(expected),
            $"LIST_USERS {when} answered {{{Describe(listed)}}}; connected are {{{Describe(expected)}}}");
    }

    /// <summary>The server's LIST_USERS answer to <see cref="Caller"/>; each entry must be fully connected.</summary>
    public static IReadOnlyList<UserEntry> Listed(WireDirectory directory, string when)
    {
        var reply = directory.Send(new ListUsersRequest(null, Caller), Host);
        Expect.That(reply.Code == 0 && reply.Users is not null, $"LIST_USERS {when} was answered {reply.Code}");
        foreach (var user in reply.Users!)
        {
            Expect.That(user.Port != 0 && user.Ip.Length > 0, $"LIST_USERS {when} saw {user.Name} half connected: '{user.Ip}':{user.Port}");
        }

        return reply.Users!;
    }

    private static string Describe(IEnumerable<UserEntry> users) =>
        string.Join(", ", users.OrderBy(u => u.Name, StringComparer.Ordinal).Select(u => $"{u.Name}@{u.Ip}:{u.Port}"));
}
