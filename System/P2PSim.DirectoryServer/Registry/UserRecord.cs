namespace P2PSim.DirectoryServer.Registry;

/// <summary>One registered user. Mutated only under the registry's write lock.</summary>
internal sealed class UserRecord(string name)
{
    public string Name { get; } = name;

    public bool Connected { get; set; }

    public string Ip { get; set; } = string.Empty;

    public int Port { get; set; }

    /// <summary>Published files, name → description, kept in publishing order for LIST_CONTENT.</summary>
    public OrderedDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
}
