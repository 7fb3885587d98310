namespace P2PSim.DirectoryServer.Registry;

/// <summary>The kinds of change <see cref="IRegistryObserver"/> is told about: one per writing operation.</summary>
public enum RegistryChange
{
    /// <summary>REGISTER added the user.</summary>
    Registered,

    /// <summary>UNREGISTER removed the user and its files.</summary>
    Unregistered,

    /// <summary>CONNECT recorded the user's address.</summary>
    Connected,

    /// <summary>DISCONNECT cleared the user's address.</summary>
    Disconnected,

    /// <summary>PUBLISH added one of the user's files.</summary>
    Published,

    /// <summary>DELETE removed one of the user's files.</summary>
    Deleted,

    /// <summary>The session the user connected on was lost: the user stays connected for the grace period.</summary>
    Orphaned,

    /// <summary>A new session's CONNECT took over the user's presence, without a disconnect between (a resume).</summary>
    Resumed,

    /// <summary>The grace period of an orphaned user ran out: disconnected, as by DISCONNECT.</summary>
    Expired,
}
