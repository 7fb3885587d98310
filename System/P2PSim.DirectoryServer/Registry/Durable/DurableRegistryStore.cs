using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// The durable store (<c>p2psim server --data-dir DIR</c>, docs/registry-stores.md): the in-memory
/// <see cref="DirectoryRegistry"/>, whose every change is journaled inside its write lock, and an operation
/// answered only once everything journaled before its answer is on the disk. Concurrent operations share one
/// fsync (<see cref="JournalWriter"/>'s group commit). Reads wait too, so no answer ever shows a change a crash
/// could still take back. Every <see cref="DurableStoreOptions.CompactAfterRecords"/> records a snapshot is cut,
/// in the same write-locked step as a journal rotation, and written in the background; older journals are then
/// deleted, which keeps a restart's replay bounded. A failed journal (disk full, I/O error) makes the store
/// unavailable: every operation gets its "other error" code until the server is restarted on a healthy disk.
/// </summary>
public sealed class DurableRegistryStore : IRegistryStore, IAsyncDisposable
{
    private readonly DirectoryRegistry _registry;
    private readonly IJournalStorage _storage;
    private readonly JournalWriter _journal;
    private readonly DurableStoreOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private Task _compaction = Task.CompletedTask;
    private long _compactedAt;
    private bool _disposed;
    private IDisposable? _exclusive;
    private int _unavailableReported;

    private DurableRegistryStore(
        DirectoryRegistry registry, IJournalStorage storage, JournalWriter journal, IReadOnlyList<OrphanedUser> orphans,
        DurableStoreOptions options, ILogger logger)
    {
        _registry = registry;
        _storage = storage;
        _journal = journal;
        _options = options;
        _logger = logger;
        OrphanedAtOpen = orphans;
    }

    /// <inheritdoc/>
    public IReadOnlyList<OrphanedUser> OrphanedAtOpen { get; }

    /// <summary>One process at a time opens the store: no other server's sessions to collect.</summary>
    public TimeSpan OrphanCollection => Timeout.InfiniteTimeSpan;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<OrphanedUser>> CollectOrphansAsync() => ValueTask.FromResult<IReadOnlyList<OrphanedUser>>([]);

    /// <summary>Where the store keeps its files.</summary>
    public string Location => _storage.Location;

    /// <summary>Snapshots written since the store opened.</summary>
    public int Compactions { get; private set; }

    /// <summary>
    /// Opens the store in <paramref name="directory"/> (created if missing): loads the snapshot, replays the
    /// journals after it (a torn tail of the last one, left by a crash mid-write, is cut off and reported), and
    /// orphans the users that were connected over sessions, which died with the process that served them.
    /// </summary>
    /// <exception cref="RegistryRecoveryException">The files are damaged beyond a torn tail; the message says how.</exception>
    /// <exception cref="IOException">Another process has the store open (two writers would interleave one journal).</exception>
    public static async Task<DurableRegistryStore> OpenAsync(string directory, DurableStoreOptions? options = null, ILogger? logger = null)
    {
        Directory.CreateDirectory(directory);
        var exclusive = Exclusive(directory);
        try
        {
            var store = await OpenAsync(new FileJournalStorage(directory), options, logger);
            store._exclusive = exclusive;
            return store;
        }
        catch
        {
            exclusive.Dispose();
            throw;
        }
    }

    /// <summary>Opens the store on <paramref name="storage"/>, as <see cref="OpenAsync(string, DurableStoreOptions?, ILogger?)"/>.</summary>
    public static async Task<DurableRegistryStore> OpenAsync(IJournalStorage storage, DurableStoreOptions? options = null, ILogger? logger = null)
    {
        options ??= new DurableStoreOptions();
        logger ??= NullLogger.Instance;
        var started = TimeProvider.System.GetTimestamp();
        var recovered = RegistryRecovery.Load(storage, options.Recovery);
        var registry = new DirectoryRegistry(options.Lock, options.Observer);
        foreach (var record in recovered.Records)
        {
            try
            {
                registry.Apply(record);
            }
            catch (InvalidDataException e)
            {
                throw new RegistryRecoveryException($"The registry in {storage.Location} cannot be rebuilt: {e.Message}");
            }
        }

        registry.ContinueNumbering(recovered.LastSession, recovered.LastAccount);
        var journal = new JournalWriter(storage, recovered.AppendGeneration);
        registry.Journal = journal;
        var orphans = registry.OrphanSessions();
        Log.StoreOpened(logger, storage.Location, recovered.Report.ToString(), orphans.Count, TimeProvider.System.GetElapsedTime(started));
        var store = new DurableRegistryStore(registry, storage, journal, orphans, options, logger);
        await journal.WhenDurableAsync(journal.Appended);
        if (recovered.Report.JournalRecords >= options.CompactAfterRecords)
        {
            store.StartCompaction();
        }

        return store;
    }

    /// <inheritdoc/>
    public ValueTask<long> NewSessionAsync() => ValueTask.FromResult(_registry.NewSession());

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> RegisterAsync(string user)
    {
        Encodable((user, nameof(user)));
        return Durable(() => _registry.Register(user));
    }

    /// <inheritdoc/>
    public async ValueTask<RegistryResult<long>> CreateAccountAsync(string user, PasswordHash password)
    {
        Encodable((user, nameof(user)));
        long account = 0;
        var status = await Durable(() => _registry.CreateAccount(user, password, out account));
        return new RegistryResult<long>(status, account);
    }

    /// <inheritdoc/>
    public async ValueTask<StoredAccount?> FindAccountAsync(string user)
    {
        var found = _registry.TryGetAccount(user, out var password, out var account);
        await CommittedOrThrowAsync();
        return found ? new StoredAccount(password!, account) : null;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> IsRegisteredAsync(string user)
    {
        var registered = _registry.IsRegistered(user);
        await CommittedOrThrowAsync();
        return registered;
    }

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> UnregisterAsync(string user, Caller caller) => Durable(() => _registry.Unregister(user, caller));

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> ConnectAsync(string user, string ip, int port, Caller caller)
    {
        Encodable((user, nameof(user)), (ip, nameof(ip)));
        return Durable(() => _registry.Connect(user, ip, port, caller));
    }

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> DisconnectAsync(string user, Caller caller) => Durable(() => _registry.Disconnect(user, caller));

    /// <inheritdoc/>
    public async ValueTask<bool> OrphanAsync(string user, long session)
    {
        var orphaned = Journaled(() => _registry.Orphan(user, session));
        await CommittedOrThrowAsync();
        return orphaned;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> ExpireAsync(string user, long session)
    {
        var expired = Journaled(() => _registry.Expire(user, session));
        await CommittedOrThrowAsync();
        return expired;
    }

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> PublishAsync(string user, string fileName, string description, Caller caller)
    {
        Encodable((user, nameof(user)), (fileName, nameof(fileName)), (description, nameof(description)));
        return Durable(() => _registry.Publish(user, fileName, description, caller));
    }

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> DeleteAsync(string user, string fileName, Caller caller)
    {
        Encodable((user, nameof(user)), (fileName, nameof(fileName)));
        return Durable(() => _registry.Delete(user, fileName, caller));
    }

    /// <inheritdoc/>
    public async ValueTask<RegistryResult<IReadOnlyList<UserEntry>>> ListUsersAsync(string user, Caller caller)
    {
        var status = _registry.ListUsers(user, out var users, caller);
        return await CommittedAsync() ? new(status, users) : new(RegistryStatus.Unavailable, []);
    }

    /// <inheritdoc/>
    public async ValueTask<RegistryResult<IReadOnlyList<ContentEntry>>> ListContentAsync(string user, string remoteUser, Caller caller)
    {
        var status = _registry.ListContent(user, remoteUser, out var files, caller);
        return await CommittedAsync() ? new(status, files) : new(RegistryStatus.Unavailable, []);
    }

    /// <inheritdoc/>
    public async ValueTask<RegistryResult<IReadOnlyList<UserEntry>>> FindSourcesAsync(string user, string fileName, Caller caller)
    {
        var status = _registry.FindSources(user, fileName, out var sources, caller);
        return await CommittedAsync() ? new(status, sources) : new(RegistryStatus.Unavailable, []);
    }

    /// <inheritdoc/>
    public async ValueTask<RegistryResult<IReadOnlyList<SearchHit>>> SearchAsync(string text, int maxResults, string? user, Caller caller)
    {
        var status = _registry.Search(text, maxResults, out var hits, user, caller);
        return await CommittedAsync() ? new(status, hits) : new(RegistryStatus.Unavailable, []);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<RegisteredUser>> SnapshotAsync() => new(_registry.Snapshot());

    /// <summary>Completes once a snapshot is written now (tests, and a clean stop, which then restarts fast).</summary>
    public Task CompactAsync()
    {
        StartCompaction(force: true);
        lock (_gate)
        {
            return _compaction;
        }
    }

    /// <summary>Waits for a running compaction, then writes what is pending and closes the journal.</summary>
    public async ValueTask DisposeAsync()
    {
        Task compaction;
        lock (_gate)
        {
            _disposed = true;
            compaction = _compaction;
        }

        await compaction;
        await _journal.DisposeAsync();
        _exclusive?.Dispose();
    }

    /// <summary>
    /// Holds <c>store.lock</c> in <paramref name="directory"/> exclusively (an advisory lock the OS drops when the
    /// process dies, so a crash leaves nothing to clean up).
    /// </summary>
    private static FileStream Exclusive(string directory)
    {
        var path = Path.Combine(directory, "store.lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"The registry store in {directory} is open in another process (it holds {path}); stop that server or give another folder.", e);
        }
    }

    /// <summary>
    /// Refuses, before the registry changes, a field the journal cannot hold (a lone surrogate, more than 64 KiB of
    /// UTF-8): the change would reach memory and not the journal. The protocol's decoders and field limits never
    /// produce one; a caller of the API can.
    /// </summary>
    private static void Encodable(params ReadOnlySpan<(string Value, string Name)> fields)
    {
        foreach (var (value, name) in fields)
        {
            RegistryRecordCodec.EnsureEncodable(value, name);
        }
    }

    /// <summary>A writing operation: its change, then the wait until it and every change before it are on the disk.</summary>
    private async ValueTask<RegistryStatus> Durable(Func<RegistryStatus> change)
    {
        RegistryStatus status;
        try
        {
            status = change();
        }
        catch (JournalFaultedException e)
        {
            // The change reached memory but not the journal; the store answers nothing from now on, so no later
            // answer can show it.
            ReportUnavailable(e);
            return RegistryStatus.Unavailable;
        }

        return await CommittedAsync() ? status : RegistryStatus.Unavailable;
    }

    private T Journaled<T>(Func<T> change)
    {
        try
        {
            return change();
        }
        catch (JournalFaultedException e)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Waits until every change journaled so far is on the disk: this operation's, and any other whose effect
    /// its answer may show. False when the journal failed.
    /// </summary>
    private async ValueTask<bool> CommittedAsync()
    {
        var appended = _journal.Appended;
        MaybeCompact(appended);
        try
        {
            await _journal.WhenDurableAsync(appended);
            return true;
        }
        catch (JournalFaultedException e)
        {
            ReportUnavailable(e);
            return false;
        }
    }

    private async ValueTask CommittedOrThrowAsync()
    {
        var appended = _journal.Appended;
        MaybeCompact(appended);
        try
        {
            await _journal.WhenDurableAsync(appended);
        }
        catch (JournalFaultedException e)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Logs the journal's failure once: every operation after it fails the same way.</summary>
    private void ReportUnavailable(JournalFaultedException e)
    {
        if (Interlocked.Exchange(ref _unavailableReported, 1) == 0)
        {
            Log.StoreUnavailable(_logger, e, _storage.Location);
        }
    }

    private RegistryUnavailableException Unavailable(JournalFaultedException e)
    {
        ReportUnavailable(e);
        return new($"The registry in {_storage.Location} cannot write its journal ({e.Message}); restart the server once the disk is healthy.", e);
    }

    private void MaybeCompact(long appended)
    {
        if (appended - Volatile.Read(ref _compactedAt) >= _options.CompactAfterRecords)
        {
            StartCompaction();
        }
    }

    private void StartCompaction(bool force = false)
    {
        lock (_gate)
        {
            if (_disposed || !_compaction.IsCompleted)
            {
                return;
            }

            var appended = _journal.Appended;
            if (!force && appended - _compactedAt < _options.CompactAfterRecords)
            {
                return;
            }

            _compactedAt = appended;
            _compaction = Task.Run(CompactNowAsync);
        }
    }

    private async Task CompactNowAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            var (snapshot, cutAt) = _registry.CutSnapshot(_journal);

            // The old generations' last records may still be on their way to the disk: their files go (with the
            // snapshot's writing) only once nothing appends to them any more.
            await _journal.WhenDurableAsync(cutAt);
            RegistrySnapshotWriter.Write(_storage, snapshot);
            Compactions++;
            Log.StoreCompacted(_logger, _storage.Location, snapshot.Generation, snapshot.Records.Count, TimeProvider.System.GetElapsedTime(started));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JournalFaultedException)
        {
            // The journals stay as they were: a restart replays them all, which is slower but loses nothing.
            Log.StoreCompactionFailed(_logger, e, _storage.Location);
        }
    }
}
