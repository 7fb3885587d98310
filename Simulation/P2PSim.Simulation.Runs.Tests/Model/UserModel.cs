using P2PSim.Protocol;

namespace P2PSim.Simulation.Runs.Tests.Model;

/// <summary>
/// The reference model of one user, written from the spec's table (§2) and independent of the registry code. Only
/// the user's own peer changes it, one operation at a time, so the model is exact while replies arrive; an operation
/// whose reply was lost may or may not have happened, so the model keeps every state still possible.
/// </summary>
internal sealed class UserModel(string user)
{
    private const int MaxStates = 512;

    private HashSet<UserState> _possible = [UserState.Absent];
    private bool _lost;

    public string User => user;

    public IReadOnlyCollection<UserState> Possible => _possible;

    /// <summary>Too many lost replies made the state set explode: the model stops judging this user.</summary>
    public bool Lost => _lost;

    /// <summary>The codes <paramref name="state"/> allows for <paramref name="op"/>, and the state after each.</summary>
    public static IEnumerable<(int Code, UserState Next)> Outcomes(UserState state, ModelOperation op, string self)
    {
        var s = state;
        switch (op.Operation)
        {
            case Operation.Register:
                yield return s.Registered ? (1, s) : (0, UserState.FreshlyRegistered);
                yield break;
            case Operation.Unregister:
                yield return s.Registered ? (0, UserState.Absent) : (1, s);
                yield break;
            case Operation.Connect:
                yield return !s.Registered ? (1, s) : s.Connected ? (2, s) : (0, s with { Connected = true, Ip = op.Host, Port = op.Port });
                yield break;
        }

        if (!s.Registered)
        {
            yield return (1, s);
            yield break;
        }

        if (!s.Connected)
        {
            yield return (2, s);
            yield break;
        }

        switch (op.Operation)
        {
            case Operation.Disconnect:
                yield return (0, s with { Connected = false, Ip = "", Port = 0 });
                break;
            case Operation.Publish:
                yield return s.Has(op.File!) ? (3, s) : (0, s.WithFile(op.File!));
                break;
            case Operation.Delete:
                yield return s.Has(op.File!) ? (0, s.WithoutFile(op.File!)) : (3, s);
                break;
            case Operation.ListUsers:
                yield return (0, s);
                break;
            case Operation.ListContent when op.RemoteUser == self:
                yield return (0, s);
                break;
            case Operation.ListContent:
                // Another user's existence is that peer's business: either answer fits this model.
                yield return (0, s);
                yield return (3, s);
                break;
        }
    }

    /// <summary>The server answered <paramref name="code"/>. Returns an explanation when no possible state allows it.</summary>
    public string? Observe(ModelOperation op, int code)
    {
        if (_lost)
        {
            return null;
        }

        var next = new HashSet<UserState>();
        var allowed = new SortedSet<int>();
        foreach (var state in _possible)
        {
            foreach (var (c, after) in Outcomes(state, op, user))
            {
                allowed.Add(c);
                if (c == code)
                {
                    next.Add(after);
                }
            }
        }

        if (next.Count == 0)
        {
            return $"{user}: {op} answered {code}, but the model allows only {string.Join('/', allowed)} " +
                   $"from {{{string.Join("; ", _possible)}}}";
        }

        _possible = next;
        return null;
    }

    /// <summary>The reply was lost (or the peer crashed meanwhile): the operation may or may not have happened.</summary>
    public void ObserveUnknown(ModelOperation op)
    {
        var next = new HashSet<UserState>(_possible);
        foreach (var state in _possible)
        {
            foreach (var (_, after) in Outcomes(state, op, user))
            {
                next.Add(after);
            }
        }

        _possible = next;
        _lost |= next.Count > MaxStates;
    }

    /// <summary>True when the model can be sure the user is connected (used to judge replies that list it).</summary>
    public bool SurelyConnected(out UserState state)
    {
        state = _possible.First();
        return !_lost && _possible.Count == 1 && state.Connected;
    }
}
