namespace P2PSim.Protocol;

/// <summary>The classic directory operations (spec §2), in the order of the spec's table.</summary>
public enum Operation
{
    /// <summary><c>REGISTER [dt] user</c>.</summary>
    Register,

    /// <summary><c>UNREGISTER [dt] user</c>.</summary>
    Unregister,

    /// <summary><c>CONNECT [dt] user listenport</c>.</summary>
    Connect,

    /// <summary><c>DISCONNECT [dt] user</c>.</summary>
    Disconnect,

    /// <summary><c>PUBLISH [dt] me filename description</c>.</summary>
    Publish,

    /// <summary><c>DELETE [dt] me filename</c>.</summary>
    Delete,

    /// <summary><c>LIST_USERS [dt] me</c>.</summary>
    ListUsers,

    /// <summary><c>LIST_CONTENT [dt] me remoteuser</c>.</summary>
    ListContent,

    /// <summary>
    /// <c>FIND_SOURCES [dt] me filename</c>: P2PSim extension, the connected users (other than me) publishing a file.
    /// A query anyone may make (me need not be registered). Classic clients never send it.
    /// </summary>
    FindSources,

    /// <summary>
    /// <c>SEARCH [dt] me text max</c>: P2PSim extension, files of connected users whose name or description contains
    /// the text, at most <c>max</c> of them. Classic clients never send it.
    /// </summary>
    Search,
}
