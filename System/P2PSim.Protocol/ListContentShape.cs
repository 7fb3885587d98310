namespace P2PSim.Protocol;

/// <summary>
/// What a LIST_CONTENT reply carries per file (spec, variants; docs/protocol.md §4.4). Classic servers differ and
/// classic clients written for one shape misread the other, so a server picks the one its clients expect.
/// </summary>
public enum ListContentShape
{
    /// <summary><c>filename\0 description\0</c> per file: most classic servers, and P2PSim's default.</summary>
    Described,

    /// <summary><c>filename\0</c> per file, as several classic servers send it.</summary>
    Names,
}
