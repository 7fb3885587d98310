using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.Protocol.Messages;
using StackExchange.Redis;

namespace P2PSim.DirectoryServer.Registry.Redis;

/// <summary>
/// The shared store (<c>p2psim server --registry redis://HOST:PORT[,HOST:PORT…]</c>, docs/registry-stores.md §4):
/// the registry in Redis, or a Redis Cluster, through StackExchange.Redis, so several directory servers serve one
/// registry. Each operation on a user is one Lua script (<see cref="RedisScripts"/>), atomic in Redis, so no
/// check-then-act race exists between servers. Operations across users (LIST_USERS, LIST_CONTENT, FIND_SOURCES,
/// SEARCH) are one script too on one Redis; on a cluster they gather from every bucket: each bucket's part is
/// atomic, the whole is not one instant (§4 says what that gives). When
/// Redis is unreachable or failing over, operations answer their "other error" code (nothing is half-applied: a
/// script runs whole or not at all) and the multiplexer reconnects by itself.
/// </summary>
public sealed class RedisRegistryStore : IRegistryStore, IAsyncDisposable
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly ILogger _logger;
    private int _unavailable;
    private int _deployment; // 0 not known yet, 1 one Redis, 2 a cluster
    private readonly string _server = Guid.NewGuid().ToString("N");
    private readonly TimeSpan _liveness;
    private readonly CancellationTokenSource _closing = new();
    private Task _alive = Task.CompletedTask;

    private RedisRegistryStore(ConnectionMultiplexer redis, RedisStoreOptions options, ILogger logger)
    {
        _redis = redis;
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix, options.Buckets);
        _logger = logger;
        _liveness = options.ServerLiveness;
    }

    /// <summary>Where the store is, for messages: the Redis endpoints.</summary>
    public string Location => string.Join(",", _redis.GetEndPoints().Select(e => e is DnsEndPoint d ? $"{d.Host}:{d.Port}" : e.ToString()));

    /// <summary>Whether a connection to Redis is up now (the store reconnects by itself).</summary>
    public bool IsConnected => _redis.IsConnected;

    /// <inheritdoc/>
    public IReadOnlyList<OrphanedUser> OrphanedAtOpen => [];

    /// <summary>Half the liveness: a dead server's users are taken over within 1.5 × the liveness of its death.</summary>
    public TimeSpan OrphanCollection => _liveness / 2;

    /// <summary>This store's server id, recorded in the users its sessions connect.</summary>
    public string ServerId => _server;

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<OrphanedUser>> CollectOrphansAsync()
    {
        try
        {
            var orphans = new List<OrphanedUser>();
            foreach (var server in await _db.SetMembersAsync(_keys.Servers))
            {
                var id = (string)server!;
                if (id == _server || await _db.KeyExistsAsync(_keys.Alive(id)))
                {
                    continue;
                }

                var before = orphans.Count;
                foreach (var b in Enumerable.Range(0, _keys.Buckets))
                {
                    var reaped = (RedisResult[])(await _db.ScriptEvaluateAsync(
                        RedisScripts.Reap, [_keys.Connected(b)], [_keys.UserPrefix(b), id, _server]))!;
                    orphans.AddRange(Pairs(reaped, (user, session) => new OrphanedUser(user, long.Parse(session, CultureInfo.InvariantCulture))));
                }

                // Every bucket is swept: the dead server holds nobody now (each sweep is atomic, so a user it held
                // was taken by exactly one server).
                await _db.SetRemoveAsync(_keys.Servers, server);
                Log.RedisServerReaped(_logger, id, orphans.Count - before);
            }

            return orphans;
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Connects to Redis at <paramref name="endPoints"/> (one server, or any nodes of a cluster). The server starts
    /// even when Redis is down: operations fail with their error codes until it is back.
    /// </summary>
    public static async Task<RedisRegistryStore> ConnectAsync(
        IReadOnlyList<DnsEndPoint> endPoints, RedisStoreOptions? options = null, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(endPoints.Count);
        options ??= new RedisStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Buckets, 1);
        var configuration = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectRetry = 1,
            ConnectTimeout = (int)options.CommandTimeout.TotalMilliseconds,
            SyncTimeout = (int)options.CommandTimeout.TotalMilliseconds,
            AsyncTimeout = (int)options.CommandTimeout.TotalMilliseconds,
            ClientName = "p2psim-directory",

            // While the connection is down, fail a command at once (its operation answers its "other error" code)
            // rather than queue it until the command timeout: a client learns of the outage now, not 5 s later.
            BacklogPolicy = BacklogPolicy.FailFast,
        };
        foreach (var endPoint in endPoints)
        {
            configuration.EndPoints.Add(endPoint);
        }

        var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var store = new RedisRegistryStore(redis, options, logger ?? NullLogger.Instance);
        Log.RedisConnected(store._logger, store.Location, redis.IsConnected);
        store._alive = store.KeepAliveAsync();
        return store;
    }

    /// <summary>
    /// The bucket holding <paramref name="user"/>'s keys (its hash tag, so its cluster slot): reads across users
    /// on a cluster are atomic per bucket (docs/registry-stores.md §4).
    /// </summary>
    public int BucketOf(string user) => _keys.BucketOf(user);

    /// <inheritdoc/>
    public async ValueTask<long> NewSessionAsync()
    {
        try
        {
            return await _db.StringIncrementAsync(_keys.Sessions);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> RegisterAsync(string user)
    {
        var b = _keys.BucketOf(user);
        return StatusAsync(RedisScripts.Register, [_keys.User(b, user)], []);
    }

    /// <inheritdoc/>
    public async ValueTask<RegistryResult<long>> CreateAccountAsync(string user, PasswordHash password)
    {
        var b = _keys.BucketOf(user);
        try
        {
            var result = (RedisResult[])(await _db.ScriptEvaluateAsync(
                RedisScripts.CreateAccount, [_keys.User(b, user), _keys.Accounts(b)], [Encode(password), _keys.Buckets, b]))!;
            return new((RegistryStatus)(int)result[0], (long)result[1]);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Report(e);
            return new(RegistryStatus.Unavailable, 0);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<StoredAccount?> FindAccountAsync(string user)
    {
        var b = _keys.BucketOf(user);
        try
        {
            var fields = await _db.HashGetAsync(_keys.User(b, user), ["pw", "acct"]);
            return fields[0].IsNull || fields[1].IsNull ? null : new StoredAccount(Decode(fields[0]!), (long)fields[1]);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> IsRegisteredAsync(string user)
    {
        try
        {
            return await _db.KeyExistsAsync(_keys.User(_keys.BucketOf(user), user));
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> UnregisterAsync(string user, Caller caller)
    {
        var b = _keys.BucketOf(user);
        return StatusAsync(
            RedisScripts.Unregister,
            [_keys.User(b, user), _keys.Files(b, user), _keys.FileOrder(b, user), _keys.Connected(b)],
            [user, AccountOf(caller)]);
    }

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> ConnectAsync(string user, string ip, int port, Caller caller)
    {
        var b = _keys.BucketOf(user);
        return StatusAsync(
            RedisScripts.Connect, [_keys.User(b, user), _keys.Connected(b)], [user, ip, port, caller.Session, AccountOf(caller), _server]);
    }

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> DisconnectAsync(string user, Caller caller)
    {
        var b = _keys.BucketOf(user);
        return StatusAsync(RedisScripts.Disconnect, [_keys.User(b, user), _keys.Connected(b)], [user, AccountOf(caller)]);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> OrphanAsync(string user, long session)
    {
        var b = _keys.BucketOf(user);
        try
        {
            return (int)await _db.ScriptEvaluateAsync(RedisScripts.Orphan, [_keys.User(b, user)], [session]) == 1;
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> ExpireAsync(string user, long session)
    {
        var b = _keys.BucketOf(user);
        try
        {
            return (int)await _db.ScriptEvaluateAsync(RedisScripts.Expire, [_keys.User(b, user), _keys.Connected(b)], [user, session]) == 1;
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> PublishAsync(string user, string fileName, string description, Caller caller)
    {
        var b = _keys.BucketOf(user);
        return StatusAsync(
            RedisScripts.Publish,
            [_keys.User(b, user), _keys.Files(b, user), _keys.FileOrder(b, user)],
            [fileName, description, AccountOf(caller)]);
    }

    /// <inheritdoc/>
    public ValueTask<RegistryStatus> DeleteAsync(string user, string fileName, Caller caller)
    {
        var b = _keys.BucketOf(user);
        return StatusAsync(
            RedisScripts.Delete, [_keys.User(b, user), _keys.Files(b, user), _keys.FileOrder(b, user)], [fileName, AccountOf(caller)]);
    }

    /// <inheritdoc/>
    public async ValueTask<RegistryResult<IReadOnlyList<UserEntry>>> ListUsersAsync(string user, Caller caller)
    {
        var (atomic, rest) = Split(_keys.BucketOf(user));
        var first = await AtomicAsync(
            RedisScripts.ListUsersAtomic,
            [_keys.User(_keys.BucketOf(user), user), .. atomic.Select(_keys.Connected)],
            [AccountOf(caller)],
            found => Pairs(found, Entry));
        if (first.Status != RegistryStatus.Ok || rest.Length == 0)
        {
            return first;
        }

        return await GatherAsync(first.Value, rest, async b => (await _db.HashGetAllAsync(_keys.Connected(b))).Select(e => Entry(e.Name!, e.Value!)));
    }

    /// <inheritdoc/>
    public async ValueTask<RegistryResult<IReadOnlyList<ContentEntry>>> ListContentAsync(string user, string remoteUser, Caller caller)
    {
        var (own, r) = (_keys.BucketOf(user), _keys.BucketOf(remoteUser));
        if (OneRedis() || own == r)
        {
            return await AtomicAsync(
                RedisScripts.ListContentAtomic,
                [_keys.User(own, user), _keys.User(r, remoteUser), _keys.Files(r, remoteUser), _keys.FileOrder(r, remoteUser)],
                [AccountOf(caller)],
                found => Pairs(found, (name, description) => new ContentEntry(name, description)));
        }

        // Two users in two slots of a cluster: the caller's check, then the remote user's files (§4).
        var status = await StatusAsync(RedisScripts.CheckConnected, [_keys.User(own, user)], [AccountOf(caller)]);
        if (status != RegistryStatus.Ok)
        {
            return new(status, []);
        }

        try
        {
            var result = (RedisResult[])(await _db.ScriptEvaluateAsync(
                RedisScripts.ListContent, [_keys.User(r, remoteUser), _keys.Files(r, remoteUser), _keys.FileOrder(r, remoteUser)]))!;
            return new((RegistryStatus)(int)result[0], Pairs(result[1..], (name, description) => new ContentEntry(name, description)));
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Report(e);
            return new(RegistryStatus.Unavailable, []);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<RegistryResult<IReadOnlyList<UserEntry>>> FindSourcesAsync(string user, string fileName, Caller caller)
    {
        var (atomic, rest) = Split(_keys.BucketOf(user));
        var first = await AtomicAsync(
            RedisScripts.FindSourcesAtomic,
            [_keys.User(_keys.BucketOf(user), user), .. atomic.Select(_keys.Connected)],
            [AccountOf(caller), fileName, .. atomic.Select(b => (RedisValue)_keys.FilesPrefix(b))],
            found => Pairs(found, Entry));
        if (first.Status != RegistryStatus.Ok || rest.Length == 0)
        {
            return first;
        }

        return await GatherAsync(first.Value, rest, async b => Pairs(
            (RedisResult[])(await _db.ScriptEvaluateAsync(RedisScripts.FindSources, [_keys.Connected(b)], [_keys.FilesPrefix(b), fileName, user]))!,
            Entry));
    }

    /// <inheritdoc/>
    public async ValueTask<RegistryResult<IReadOnlyList<SearchHit>>> SearchAsync(string text, int maxResults, string? user, Caller caller)
    {
        // Without a named user there is nothing to check: on a cluster every bucket is read on its own.
        var (atomic, rest) = user is null && !OneRedis() ? ([], [.. Enumerable.Range(0, _keys.Buckets)]) : Split(user is null ? 0 : _keys.BucketOf(user));
        var hits = new List<SearchHit>();
        if (atomic.Length > 0)
        {
            RedisKey[] named = user is null ? [] : [_keys.User(_keys.BucketOf(user), user)];
            var first = await AtomicAsync(
                RedisScripts.ConnectedFilesAtomic,
                [.. named, .. atomic.Select(_keys.Connected)],
                [user is null ? string.Empty : "1", AccountOf(caller), .. atomic.SelectMany(b => new RedisValue[] { _keys.FilesPrefix(b), _keys.FileOrderPrefix(b) })],
                files => Matching(files, text, maxResults, hits));
            if (first.Status != RegistryStatus.Ok)
            {
                return first;
            }
        }

        try
        {
            foreach (var b in rest)
            {
                if (hits.Count == maxResults)
                {
                    break;
                }

                var files = (RedisResult[])(await _db.ScriptEvaluateAsync(
                    RedisScripts.ConnectedFiles, [_keys.Connected(b)], [_keys.FilesPrefix(b), _keys.FileOrderPrefix(b)]))!;
                Matching(files, text, maxResults, hits);
            }

            return new(RegistryStatus.Ok, hits);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Report(e);
            return new(RegistryStatus.Unavailable, []);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<RegisteredUser>> SnapshotAsync()
    {
        // A node may be listed under more than one of its addresses (as configured, as the cluster names it).
        var users = new Dictionary<string, RegisteredUser>(StringComparer.Ordinal);
        foreach (var server in _redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            for (var b = 0; b < _keys.Buckets; b++)
            {
                await foreach (var key in server.KeysAsync(pattern: _keys.UserPattern(b)))
                {
                    var name = _keys.UserOf(b, key!);
                    if (!users.ContainsKey(name))
                    {
                        users[name] = await ReadUserAsync(b, name, key);
                    }
                }
            }
        }

        return [.. users.Values];
    }

    private async Task<RegisteredUser> ReadUserAsync(int bucket, string name, RedisKey key)
    {
        var fields = (await _db.HashGetAllAsync(key)).ToDictionary(f => (string)f.Name!, f => f.Value);
        var names = await _db.SortedSetRangeByRankAsync(_keys.FileOrder(bucket, name));
        var descriptions = names.Length == 0 ? [] : await _db.HashGetAsync(_keys.Files(bucket, name), names);
        var connected = fields.GetValueOrDefault("conn") == "1";
        return new RegisteredUser(
            name,
            connected,
            connected ? (string)fields["ip"]! : string.Empty,
            connected ? (int)fields["port"] : 0,
            [.. names.Select((n, i) => new ContentEntry((string)n!, (string)descriptions[i]!))],
            fields.ContainsKey("acct"));
    }

    /// <summary>
    /// Ends this server's liveness at once (so another server takes over its sessions' users without waiting for the
    /// key to lapse) and closes the connections to Redis.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _alive;
        try
        {
            await _db.KeyDeleteAsync(_keys.Alive(_server));
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            // Redis is gone: the key lapses by itself.
        }

        await _redis.CloseAsync();
        _closing.Dispose();
    }

    /// <summary>Refreshes this server's liveness every third of its time to live, until the store closes.</summary>
    private async Task KeepAliveAsync()
    {
        try
        {
            while (true)
            {
                try
                {
                    await _db.StringSetAsync(_keys.Alive(_server), "1", _liveness);
                    await _db.SetAddAsync(_keys.Servers, _server);
                }
                catch (Exception e) when (IsRedisFailure(e))
                {
                    Report(e);
                }

                await Task.Delay(_liveness / 3, _closing.Token);
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Closing.
        }
    }

    private static bool IsRedisFailure(Exception e) => e is RedisException or TimeoutException;

    /// <summary>
    /// Adds to <paramref name="hits"/> the (user, name, description) triples of <paramref name="files"/>
    /// whose name or description contains <paramref name="text"/>, ignoring case as .NET
    /// does (Lua folds ASCII only), until there are <paramref name="maxResults"/>.
    /// </summary>
    private static List<SearchHit> Matching(RedisResult[] files, string text, int maxResults, List<SearchHit> hits)
    {
        for (var i = 0; i + 2 < files.Length && hits.Count < maxResults; i += 3)
        {
            var (name, description) = ((string)files[i + 1]!, (string)files[i + 2]!);
            if (name.Contains(text, StringComparison.OrdinalIgnoreCase) || description.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                hits.Add(new SearchHit((string)files[i]!, name, description));
            }
        }

        return hits;
    }

    /// <summary>
    /// True on one Redis, where a script may read every bucket at once; false on a cluster, and while the kind of
    /// deployment is not known yet (nothing connected: the per-bucket path works on both).
    /// </summary>
    private bool OneRedis()
    {
        var known = Volatile.Read(ref _deployment);
        if (known == 0 && _redis.GetServers().FirstOrDefault(s => s.IsConnected) is { } server)
        {
            known = server.ServerType == ServerType.Cluster ? 2 : 1;
            Volatile.Write(ref _deployment, known);
        }

        return known == 1;
    }

    private static List<T> Pairs<T>(RedisResult[] items, Func<string, string, T> make)
    {
        var list = new List<T>(items.Length / 2);
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            list.Add(make((string)items[i]!, (string)items[i + 1]!));
        }

        return list;
    }

    /// <summary>
    /// The buckets an operation anchored at <paramref name="anchor"/> (its caller's or named user's bucket) reads
    /// in its one atomic script, and those it reads after, one by one: on one Redis every bucket is in the script;
    /// on a cluster only the anchor's (one slot), so the check and that bucket are one step.
    /// </summary>
    private (int[] Atomic, int[] After) Split(int anchor) => OneRedis()
        ? ([.. Enumerable.Range(0, _keys.Buckets)], [])
        : ([anchor], [.. Enumerable.Range(0, _keys.Buckets).Where(b => b != anchor)]);

    /// <summary>Adds to <paramref name="first"/> what <paramref name="read"/> finds in each of <paramref name="buckets"/>, read concurrently.</summary>
    private async ValueTask<RegistryResult<IReadOnlyList<T>>> GatherAsync<T>(IReadOnlyList<T> first, int[] buckets, Func<int, Task<IEnumerable<T>>> read)
    {
        try
        {
            var parts = await Task.WhenAll(buckets.Select(read));
            return new(RegistryStatus.Ok, [.. first, .. parts.SelectMany(part => part)]);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Report(e);
            return new(RegistryStatus.Unavailable, []);
        }
    }

    /// <summary>
    /// Runs a script that answers {status, items...}; <paramref name="read"/> turns the items (the result after the
    /// status) into the list.
    /// </summary>
    private async ValueTask<RegistryResult<IReadOnlyList<T>>> AtomicAsync<T>(
        string script, RedisKey[] keys, RedisValue[] arguments, Func<RedisResult[], List<T>> read)
    {
        try
        {
            var result = (RedisResult[])(await _db.ScriptEvaluateAsync(script, keys, arguments))!;
            var status = (RegistryStatus)(int)result[0];
            Interlocked.Exchange(ref _unavailable, 0);
            return status == RegistryStatus.Ok ? new(status, read(result[1..])) : new(status, []);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Report(e);
            return new(RegistryStatus.Unavailable, []);
        }
    }

    private static RedisValue AccountOf(Caller caller) => caller.Account.ToString(CultureInfo.InvariantCulture);

    private static UserEntry Entry(string user, string address)
    {
        var separator = address.LastIndexOf('\n');
        return new UserEntry(user, address[..separator], int.Parse(address.AsSpan(separator + 1), CultureInfo.InvariantCulture));
    }

    private static byte[] Encode(PasswordHash password)
    {
        var bytes = new byte[4 + SaltBytes + HashBytes];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, password.Iterations);
        password.Salt.CopyTo(bytes.AsSpan(4));
        password.Hash.CopyTo(bytes.AsSpan(4 + SaltBytes));
        return bytes;
    }

    private static PasswordHash Decode(byte[] bytes) =>
        PasswordHash.FromStored(BinaryPrimitives.ReadInt32LittleEndian(bytes), bytes.AsSpan(4, SaltBytes), bytes.AsSpan(4 + SaltBytes, HashBytes));

    private async ValueTask<RegistryStatus> StatusAsync(string script, RedisKey[] keys, RedisValue[] arguments)
    {
        try
        {
            var status = (RegistryStatus)(int)await _db.ScriptEvaluateAsync(script, keys, arguments);
            Interlocked.Exchange(ref _unavailable, 0);
            return status;
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Report(e);
            return RegistryStatus.Unavailable;
        }
    }

    /// <summary>Logs the first failure of an outage; the next success ends the outage.</summary>
    private void Report(Exception e)
    {
        if (Interlocked.Exchange(ref _unavailable, 1) == 0)
        {
            Log.RedisUnavailable(_logger, e, Location);
        }
    }

    private RegistryUnavailableException Unavailable(Exception e)
    {
        Report(e);
        return new($"The registry in Redis at {Location} does not answer ({e.Message}); operations resume by themselves once Redis is back.", e);
    }
}
