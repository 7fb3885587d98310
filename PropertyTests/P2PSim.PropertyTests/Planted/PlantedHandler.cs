using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Planted;

/// <summary>
/// A deliberately wrong directory, for proving the properties catch wrong servers: a decorator around the real
/// <see cref="DirectoryService"/> and <see cref="DirectoryRegistry"/> that changes one behaviour. Test-only; the
/// product has no switch for any of these. Served by <see cref="HandlerServer"/>.
/// </summary>
internal abstract class PlantedHandler
{
    protected PlantedHandler() => Service = new DirectoryService(Registry);

    /// <summary>The real registry underneath; the final snapshot is taken from it.</summary>
    public DirectoryRegistry Registry { get; } = new();

    protected DirectoryService Service { get; }

    /// <summary>Handles one request; by default exactly as the product does.</summary>
    public virtual ValueTask<DirectoryReply> HandleAsync(DirectoryRequest request, string clientHost) =>
        Service.HandleAsync(request, clientHost);

    protected static DirectoryReply Reply(Operation operation, RegistryStatus status) =>
        new(operation, ResultCodes.For(operation, status));

    /// <summary>
    /// Runs <paramref name="action"/> on <paramref name="user"/>'s files as if it were connected, then restores its
    /// connected state: how the wrong variants reach past the registry's checks. Sequential use only.
    /// </summary>
    protected RegistryStatus AsIfConnected(string user, Func<RegistryStatus> action)
    {
        var wasConnected = Registry.Snapshot().FirstOrDefault(u => u.Name == user)?.Connected ?? false;
        if (!wasConnected)
        {
            Registry.Connect(user, string.Empty, 0);
        }

        var status = action();
        if (!wasConnected)
        {
            Registry.Disconnect(user);
        }

        return status;
    }
}
