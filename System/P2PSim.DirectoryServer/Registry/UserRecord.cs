using P2PSim.DirectoryServer.Accounts;

namespace P2PSim.DirectoryServer.Registry;

/// <summary>One registered user. Mutated only under the registry's write lock.</summary>
internal sealed class UserRecord(string name, PasswordHash? password = null, long account = 0)
{
    // Coyote's rewrite puts no scheduling point inside property accessors (nor constructors or async state
    // machines), so a race on these fields shows under Coyote at the branches of the registry methods that read
    // them, with control-flow race checking (Simulation/P2PSim.Systematic.Tests, RaceChecking.ControlFlow).
    private bool _connected;
    private string _ip = string.Empty;
    private int _port;

    public string Name { get; } = name;

    /// <summary>The account's password hash; null for a classic user, whom anyone may act as.</summary>
    public PasswordHash? Password { get; } = password;

    /// <summary>The account's number, unique for the registry's lifetime; 0 for a classic user.</summary>
    public long Account { get; } = account;

    /// <summary>Whether <paramref name="caller"/> may act as this user: anyone for a classic user, else only its owner.</summary>
    public bool Admits(Caller caller) => Password is null || caller.Account == Account;

    public bool Connected
    {
        get => _connected;
        set => _connected = value;
    }

    public string Ip
    {
        get => _ip;
        set => _ip = value;
    }

    public int Port
    {
        get => _port;
        set => _port = value;
    }

    /// <summary>
    /// The session whose CONNECT made the user connected (docs/sessions.md §7); 0 for a classic CONNECT, which no
    /// session's loss can undo.
    /// </summary>
    public long Session { get; set; }

    /// <summary>True while the user's session is lost and the grace period runs: still connected, and resumable.</summary>
    public bool Orphaned { get; set; }

    /// <summary>Published files, name → description, kept in publishing order for LIST_CONTENT.</summary>
    public OrderedDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
}
