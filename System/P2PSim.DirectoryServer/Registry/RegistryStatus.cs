namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// What a registry operation found, in domain terms. <see cref="ResultCodes"/> maps it to each operation's wire
/// code, so the spec's table lives in one place.
/// </summary>
public enum RegistryStatus
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>The user performing or named by the operation is not registered.</summary>
    NoSuchUser,

    /// <summary>REGISTER of a name already registered.</summary>
    AlreadyRegistered,

    /// <summary>CONNECT of a user already connected.</summary>
    AlreadyConnected,

    /// <summary>The user must be connected for this operation and is not.</summary>
    NotConnected,

    /// <summary>PUBLISH of a name this user already published.</summary>
    AlreadyPublished,

    /// <summary>DELETE of a name this user has not published.</summary>
    NotPublished,

    /// <summary>LIST_CONTENT of a remote user that does not exist.</summary>
    NoSuchRemoteUser,

    /// <summary>
    /// The operation acts as a password-protected user, and the caller has not logged in as that user (or a session
    /// logged in as one user named another). Every operation answers it with its "other error" code.
    /// </summary>
    Forbidden,

    /// <summary>
    /// The store cannot answer now (its journal failed; the shared store is unreachable). Every operation answers
    /// it with its "other error" code, and nothing was changed that a later answer could show.
    /// </summary>
    Unavailable,
}
