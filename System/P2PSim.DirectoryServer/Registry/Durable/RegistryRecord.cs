using P2PSim.DirectoryServer.Accounts;

namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// One state change of the registry, as the journal stores it. Build one with the factory of its kind; fields the
/// kind does not use are empty, 0 or null, and the codec neither writes nor reads them. Two records are equal when
/// they describe the same change, passwords compared by their iterations, salt and hash.
/// </summary>
public readonly record struct RegistryRecord(
    RegistryRecordKind Kind,
    string User,
    PasswordHash? Password = null,
    long Account = 0,
    string Ip = "",
    int Port = 0,
    long Session = 0,
    string FileName = "",
    string Description = "")
{
    /// <summary>REGISTER made <paramref name="user"/> a classic user.</summary>
    public static RegistryRecord Registered(string user) => new(RegistryRecordKind.Registered, NotNull(user));

    /// <summary>ACCOUNT made <paramref name="user"/> an account numbered <paramref name="account"/>.</summary>
    public static RegistryRecord AccountCreated(string user, PasswordHash password, long account)
    {
        ArgumentNullException.ThrowIfNull(password);
        return new(RegistryRecordKind.AccountCreated, NotNull(user), password, account);
    }

    /// <summary>UNREGISTER removed <paramref name="user"/>.</summary>
    public static RegistryRecord Unregistered(string user) => new(RegistryRecordKind.Unregistered, NotNull(user));

    /// <summary>
    /// <paramref name="user"/> is connected at <paramref name="ip"/>:<paramref name="port"/> on
    /// <paramref name="session"/> (0 for a classic connection); also a resume, which replaces the previous
    /// connection and clears the orphaned mark.
    /// </summary>
    public static RegistryRecord Connected(string user, string ip, int port, long session) =>
        new(RegistryRecordKind.Connected, NotNull(user), Ip: NotNull(ip), Port: port, Session: session);

    /// <summary><paramref name="user"/> is disconnected (DISCONNECT or a grace period's expiry); its files stay.</summary>
    public static RegistryRecord Disconnected(string user) => new(RegistryRecordKind.Disconnected, NotNull(user));

    /// <summary><paramref name="user"/>'s session was lost: still connected, now resumable.</summary>
    public static RegistryRecord Orphaned(string user) => new(RegistryRecordKind.Orphaned, NotNull(user));

    /// <summary><paramref name="user"/> published <paramref name="fileName"/>.</summary>
    public static RegistryRecord Published(string user, string fileName, string description) =>
        new(RegistryRecordKind.Published, NotNull(user), FileName: NotNull(fileName), Description: NotNull(description));

    /// <summary><paramref name="user"/> withdrew <paramref name="fileName"/>.</summary>
    public static RegistryRecord Deleted(string user, string fileName) =>
        new(RegistryRecordKind.Deleted, NotNull(user), FileName: NotNull(fileName));

    /// <summary>Equal when every field is, passwords by value (a decoded hash is a new instance).</summary>
    public bool Equals(RegistryRecord other) =>
        Kind == other.Kind &&
        User == other.User &&
        SamePassword(Password, other.Password) &&
        Account == other.Account &&
        Ip == other.Ip &&
        Port == other.Port &&
        Session == other.Session &&
        FileName == other.FileName &&
        Description == other.Description;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Kind, User, Password?.Iterations, Account, Ip, Port, Session, HashCode.Combine(FileName, Description));

    private static bool SamePassword(PasswordHash? a, PasswordHash? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Iterations == b.Iterations && a.Salt.SequenceEqual(b.Salt) && a.Hash.SequenceEqual(b.Hash);

    private static string NotNull(string value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }
}
