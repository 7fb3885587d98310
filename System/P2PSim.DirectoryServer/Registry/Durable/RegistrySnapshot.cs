using P2PSim.DirectoryServer.Accounts;

namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// The whole registry as records that rebuild it when replayed into an empty one, taken in the write lock right
/// after <see cref="JournalWriter.Rotate"/>: it stands for every journal before <paramref name="Generation"/>,
/// and replay goes on with journal <paramref name="Generation"/>. <paramref name="LastSession"/> and
/// <paramref name="LastAccount"/> are the registry's counters, so numbers stay unique across restarts.
/// </summary>
public sealed record RegistrySnapshot(long Generation, long LastSession, long LastAccount, IReadOnlyList<RegistryRecord> Records)
{
    /// <summary>
    /// Adds to <paramref name="records"/> what rebuilds one user, in the order replay needs: Registered or
    /// AccountCreated, then Connected (and Orphaned) if connected, then each published file in publishing order.
    /// </summary>
    public static void AddUser(
        ICollection<RegistryRecord> records,
        string user,
        PasswordHash? password,
        long account,
        bool connected,
        string ip,
        int port,
        long session,
        bool orphaned,
        IEnumerable<KeyValuePair<string, string>> files)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(files);
        records.Add(password is null ? RegistryRecord.Registered(user) : RegistryRecord.AccountCreated(user, password, account));
        if (connected)
        {
            records.Add(RegistryRecord.Connected(user, ip, port, session));
            if (orphaned)
            {
                records.Add(RegistryRecord.Orphaned(user));
            }
        }

        foreach (var (fileName, description) in files)
        {
            records.Add(RegistryRecord.Published(user, fileName, description));
        }
    }
}
