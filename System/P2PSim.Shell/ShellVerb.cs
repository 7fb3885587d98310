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

    /// <summary>P2PSim's session extension: create a password-protected account (docs/sessions.md §6).</summary>
    Account,

    /// <summary>P2PSim's session extension: log in to an account.</summary>
    Login,
    Quit,
}
