using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// A user as copied out by <see cref="DirectoryRegistry.Snapshot"/>; <c>Protected</c> says whether it is an account
/// with a password (docs/sessions.md §6).
/// </summary>
public sealed record RegisteredUser(string Name, bool Connected, string Ip, int Port, IReadOnlyList<ContentEntry> Files, bool Protected = false);
