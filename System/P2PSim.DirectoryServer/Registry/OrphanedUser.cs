namespace P2PSim.DirectoryServer.Registry;

/// <summary>A user a store found orphaned when it opened: connected over <paramref name="Session"/>, which is gone.</summary>
public readonly record struct OrphanedUser(string User, long Session);
