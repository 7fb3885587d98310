namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// Sees every change <see cref="DirectoryRegistry"/> makes, at the moment it makes it (inside the critical
/// section, after the change). An assertion hook for tests, e.g. that every change happens under the write lock;
/// the product passes none, and then a change costs one null check.
/// </summary>
public interface IRegistryObserver
{
    /// <summary><paramref name="change"/> was just made to <paramref name="user"/>'s entry.</summary>
    void Changed(RegistryChange change, string user);
}
