namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// The state changes the registry journals (changes, not requests: a refused request changes nothing and is not
/// journaled). The numbers are the first byte of a record's payload on disk: never renumber or reuse one.
/// </summary>
public enum RegistryRecordKind : byte
{
    /// <summary>A classic user was registered (REGISTER).</summary>
    Registered = 1,

    /// <summary>A password-protected user was created (ACCOUNT), with its hash and account number.</summary>
    AccountCreated = 2,

    /// <summary>A user and everything it published were removed (UNREGISTER).</summary>
    Unregistered = 3,

    /// <summary>A user became connected at an address on a session (CONNECT, or a resume that took it over).</summary>
    Connected = 4,

    /// <summary>A user became disconnected (DISCONNECT, or the end of an orphan's grace period).</summary>
    Disconnected = 5,

    /// <summary>A connected user's session was lost; it stays connected and resumable.</summary>
    Orphaned = 6,

    /// <summary>A user published a file (PUBLISH).</summary>
    Published = 7,

    /// <summary>A user withdrew a file (DELETE).</summary>
    Deleted = 8,
}
