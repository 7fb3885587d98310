namespace P2PSim.Shell;

/// <summary>The classic console's commands (spec §4).</summary>
internal enum ShellVerb
{
    Register,
    Unregister,
    Connect,
    Disconnect,
    Publish,
    Delete,
    ListUsers,
    ListContent,
    GetFile,
    GetMultiFile,
    Search,
    Quit,
}
