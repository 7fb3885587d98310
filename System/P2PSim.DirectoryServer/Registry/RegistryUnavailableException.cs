namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// A store could not answer an operation that has no result code to carry the failure (numbering a session,
/// looking up an account, orphaning or expiring a user): its journal failed, or the shared store is unreachable.
/// The message says which, and what to do.
/// </summary>
public sealed class RegistryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
