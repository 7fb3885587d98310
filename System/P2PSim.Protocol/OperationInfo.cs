namespace P2PSim.Protocol;

/// <summary>Wire names and per-operation facts from the spec's table (§2).</summary>
public static class OperationInfo
{
    private static readonly string[] Names =
        ["REGISTER", "UNREGISTER", "CONNECT", "DISCONNECT", "PUBLISH", "DELETE", "LIST_USERS", "LIST_CONTENT",
            "FIND_SOURCES", "SEARCH"];

    /// <summary>The operation's name as sent on the wire and printed by the server console.</summary>
    public static string WireName(this Operation operation) => Names[(int)operation];

    /// <summary>True for the P2PSim extensions, which classic clients never send.</summary>
    public static bool IsExtension(this Operation operation) => operation >= Operation.FindSources;

    /// <summary>True for the operations whose successful reply carries a list after the code.</summary>
    public static bool HasList(this Operation operation) =>
        operation is Operation.ListUsers or Operation.ListContent or Operation.FindSources or Operation.Search;

    /// <summary>Parses a wire name (exact, upper case as classic clients send it).</summary>
    public static bool TryParse(string name, out Operation operation)
    {
        var index = Array.IndexOf(Names, name);
        operation = (Operation)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>
    /// The "other error" result code of an operation: the last code of its row in the table. The server sends it
    /// for malformed requests (over-long or missing fields) and internal failures.
    /// </summary>
    public static int OtherErrorCode(this Operation operation) => operation switch
    {
        Operation.Register or Operation.Unregister => 2,
        Operation.Connect or Operation.Disconnect or Operation.ListUsers => 3,
        Operation.FindSources or Operation.Search => 3,
        Operation.Publish or Operation.Delete or Operation.ListContent => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>Number of fields after the operation name, not counting the optional timestamp.</summary>
    public static int ArgumentCount(this Operation operation) => operation switch
    {
        Operation.Register or Operation.Unregister or Operation.Disconnect or Operation.ListUsers => 1,
        Operation.Connect or Operation.Delete or Operation.ListContent or Operation.FindSources => 2,
        Operation.Publish or Operation.Search => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}
