using P2PSim.DirectoryServer.Accounts;

namespace P2PSim.DirectoryServer.Registry;

/// <summary>An account as a store keeps it: the password's hash and the account's number (docs/sessions.md §6).</summary>
public sealed record StoredAccount(PasswordHash Password, long Number);
