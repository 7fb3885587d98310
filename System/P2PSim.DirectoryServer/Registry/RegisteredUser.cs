using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Registry;

/// <summary>A user as copied out by <see cref="DirectoryRegistry.Snapshot"/>.</summary>
public sealed record RegisteredUser(string Name, bool Connected, string Ip, int Port, IReadOnlyList<ContentEntry> Files);
