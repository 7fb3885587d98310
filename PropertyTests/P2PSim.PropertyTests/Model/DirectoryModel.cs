using P2PSim.DirectoryServer.Registry;
using P2PSim.PropertyTests.Generators;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Model;

/// <summary>
/// The directory of spec §2 as a pure function of the requests so far: users → registered, connected, address,
/// files. Result codes follow the spec's table; the caller is checked before anything else. The extensions
/// (docs/extensions.md §1) are queries anyone may make: FIND_SOURCES lists the connected users other than the
/// caller publishing the name; SEARCH every file of a connected user whose name or description contains the text,
/// ignoring case (all matches: the comparison applies the min(max, 100) cut, see <c>ReplyEquality.Matches</c>).
/// </summary>
internal class DirectoryModel
{
    private Dictionary<string, ModelUser> _users = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ModelUser> Users => _users;

    /// <summary>A model holding exactly what a server's registry holds.</summary>
    public static DirectoryModel FromSnapshot(IEnumerable<RegisteredUser> snapshot)
    {
        var model = new DirectoryModel();
        foreach (var user in snapshot)
        {
            var copy = new ModelUser { Connected = user.Connected, Ip = user.Ip, Port = user.Port };
            foreach (var file in user.Files)
            {
                copy.Files[file.FileName] = file.Description;
            }

            model._users[user.Name] = copy;
        }

        return model;
    }

    /// <summary>An independent copy (same kind of model), for the linearizability search.</summary>
    public DirectoryModel Clone()
    {
        var copy = (DirectoryModel)MemberwiseClone();
        copy._users = _users.ToDictionary(u => u.Key, u => u.Value.Clone(), StringComparer.Ordinal);
        return copy;
    }

    /// <summary>The whole state as one string: equal strings, equal states.</summary>
    public string Fingerprint() =>
        string.Join('\n', _users.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u =>
            $"{u.Key}\0{u.Value.Connected}\0{u.Value.Ip}\0{u.Value.Port}\0" +
            string.Join('\0', u.Value.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}\0{f.Value}"))));

    /// <summary>The reply the spec requires for <paramref name="command"/> from a client at <paramref name="clientIp"/>.</summary>
    public DirectoryReply Apply(DirectoryCommand command, string clientIp)
    {
        var op = command.Operation;
        if (!WellFormedRequest.Is(command))
        {
            // The server cannot decode it: the operation's "other error" code, nothing changes.
            return Reply(op, op.OtherErrorCode());
        }

        _users.TryGetValue(command.User, out var user);
        switch (op)
        {
            case Operation.FindSources:
                return Reply(op, 0) with
                {
                    Users = [.. _users.Where(u => IsSource(u.Key, u.Value, command)).Select(u => new UserEntry(u.Key, u.Value.Ip, u.Value.Port))],
                };
            case Operation.Search:
                var text = command.SearchText.ToUpperInvariant();
                return Reply(op, 0) with
                {
                    Hits = [.. _users.Where(u => u.Value.Connected).SelectMany(u => u.Value.Files
                        .Where(f => f.Key.ToUpperInvariant().Contains(text, StringComparison.Ordinal) ||
                            f.Value.ToUpperInvariant().Contains(text, StringComparison.Ordinal))
                        .Select(f => new SearchHit(u.Key, f.Key, f.Value)))],
                };
            case Operation.Register:
                return Reply(op, _users.TryAdd(command.User, new ModelUser()) ? 0 : 1);
            case Operation.Unregister:
                return Reply(op, _users.Remove(command.User) ? 0 : 1);
            case Operation.Connect:
                if (user is null)
                {
                    return Reply(op, 1);
                }

                if (user.Connected)
                {
                    return Reply(op, 2);
                }

                (user.Connected, user.Ip, user.Port) = (true, clientIp, command.Port);
                return Reply(op, 0);
            case Operation.Disconnect:
                if (user is null)
                {
                    return Reply(op, 1);
                }

                if (!user.Connected)
                {
                    return Reply(op, 2);
                }

                (user.Connected, user.Ip, user.Port) = (false, string.Empty, 0);
                return Reply(op, 0);
        }

        // PUBLISH, DELETE, LIST_USERS, LIST_CONTENT: the caller must exist and be connected.
        if (user is null)
        {
            return Reply(op, 1);
        }

        if (!user.Connected)
        {
            return Reply(op, 2);
        }

        switch (op)
        {
            case Operation.Publish:
                return Reply(op, user.Files.TryAdd(command.FileName, command.Description) ? 0 : 3);
            case Operation.Delete:
                return Reply(op, user.Files.Remove(command.FileName) ? 0 : 3);
            case Operation.ListUsers:
                return Reply(op, 0) with { Users = ListedUsers() };
            default:
                return _users.TryGetValue(command.RemoteUser, out var remote)
                    ? Reply(op, 0) with { Files = [.. remote.Files.Select(f => new ContentEntry(f.Key, f.Value))] }
                    : Reply(op, 3);
        }
    }

    /// <summary>What LIST_USERS lists once its caller is admitted.</summary>
    public IReadOnlyList<UserEntry> ListedUsers() =>
        [.. _users.Where(u => Listed(u.Value)).Select(u => new UserEntry(u.Key, u.Value.Ip, u.Value.Port))];

    /// <summary>Whether FIND_SOURCES lists <paramref name="user"/>: connected, not the caller, publishing the name.</summary>
    private static bool IsSource(string name, ModelUser user, DirectoryCommand command) =>
        user.Connected && name != command.User && user.Files.ContainsKey(command.FileName);

    /// <summary>Whether LIST_USERS shows <paramref name="user"/>: the spec lists connected users only.</summary>
    protected virtual bool Listed(ModelUser user) => user.Connected;

    private static DirectoryReply Reply(Operation operation, int code) => new(operation, code);
}
