namespace P2PSim.DirectoryServer.Registry;

/// <summary>One registered user. Mutated only under the registry's write lock.</summary>
internal sealed class UserRecord(string name)
{
    // Explicit fields rather than auto-properties: Coyote's memory-access race checking instruments field
    // accesses in our code but not compiler-generated backing fields, so these stay visible to systematic tests.
    private bool _connected;
    private string _ip = string.Empty;
    private int _port;

    public string Name { get; } = name;

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

    /// <summary>Published files, name → description, kept in publishing order for LIST_CONTENT.</summary>
    public OrderedDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
}
