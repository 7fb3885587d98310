using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;

namespace P2PSim.DirectoryServer;

/// <summary>
/// The spec's table (§2), and the extensions' rows (docs/protocol.md): each operation's wire code for each registry
/// outcome.
/// </summary>
public static class ResultCodes
{
    /// <summary>The code <paramref name="operation"/> sends when the registry answered <paramref name="status"/>.</summary>
    public static int For(Operation operation, RegistryStatus status) => (operation, status) switch
    {
        (_, RegistryStatus.Ok) => 0,
        (Operation.Register, RegistryStatus.AlreadyRegistered) => 1,
        (_, RegistryStatus.NoSuchUser) when operation != Operation.Register => 1,
        (Operation.Connect, RegistryStatus.AlreadyConnected) => 2,
        (Operation.Disconnect or Operation.Publish or Operation.Delete or Operation.ListUsers or Operation.ListContent
            or Operation.FindSources or Operation.Search, RegistryStatus.NotConnected) => 2,
        (Operation.Publish, RegistryStatus.AlreadyPublished) => 3,
        (Operation.Delete, RegistryStatus.NotPublished) => 3,
        (Operation.ListContent, RegistryStatus.NoSuchRemoteUser) => 3,
        (_, RegistryStatus.Forbidden) => operation.OtherErrorCode(), // docs/sessions.md §6
        (_, RegistryStatus.Unavailable) => operation.OtherErrorCode(), // docs/registry-stores.md
        _ => operation.OtherErrorCode(),
    };
}
