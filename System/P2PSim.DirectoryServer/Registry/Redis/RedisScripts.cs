namespace P2PSim.DirectoryServer.Registry.Redis;

/// <summary>
/// One Lua script per registry operation (docs/registry-stores.md §4): Redis runs a script atomically, so each
/// operation's checks and change are one step for every server sharing the registry, as the write lock makes them
/// one step in memory. Every key a script touches carries the same hash tag, the user's bucket, so a script runs on
/// one shard of a cluster. The numbers returned are <see cref="RegistryStatus"/> values.
/// </summary>
internal static class RedisScripts
{
    // Shared by the scripts that act as a user: KEYS[1] is the user's hash; the caller's account number ("0" for
    // anonymous) is the argument named. A user with an account field is password-protected: only its owner may act.
    private const string Prelude = HmgetAll + """
        local function status_of(user_key, account)
          if redis.call('EXISTS', user_key) == 0 then return 1 end
          local acct = redis.call('HGET', user_key, 'acct')
          if acct and acct ~= account then return 8 end
          return 0
        end
        local function connected_status(user_key, account)
          local s = status_of(user_key, account)
          if s ~= 0 then return s end
          if redis.call('HGET', user_key, 'conn') ~= '1' then return 4 end
          return 0
        end
        local function clear(user_key, connected_key, user)
          redis.call('HSET', user_key, 'conn', '0', 'ip', '', 'port', '0', 'sess', '0', 'orph', '0', 'srv', '')
          redis.call('HDEL', connected_key, user)
        end

        """;

    // HMGET of any number of fields (Lua's unpack takes at most a few thousand values at once), and a user's files
    // in publishing order appended to a reply: {user, name, description, ...}, or {name, description, ...} without user.
    private const string HmgetAll = """
        local function hmget_all(key, names)
          local out = {}
          for i = 1, #names, 1000 do
            local part = redis.call('HMGET', key, unpack(names, i, math.min(i + 999, #names)))
            for j = 1, #part do out[#out + 1] = part[j] end
          end
          return out
        end
        local function append_files(out, files_key, order_key, user)
          local names = redis.call('ZRANGE', order_key, 0, -1)
          local descriptions = hmget_all(files_key, names)
          for i = 1, #names do
            if user then out[#out + 1] = user end
            out[#out + 1] = names[i]
            out[#out + 1] = descriptions[i]
          end
        end

        """;

    /// <summary>KEYS: user. Returns the status.</summary>
    public const string Register = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 2 end
        redis.call('HSET', KEYS[1], 'conn', '0', 'fseq', '0')
        return 0
        """;

    /// <summary>KEYS: user, the bucket's account counter. ARGV: password, buckets, bucket. Returns {status, account}.</summary>
    public const string CreateAccount = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return {2, 0} end
        local n = redis.call('INCR', KEYS[2])
        local account = string.format('%d', n * tonumber(ARGV[2]) + tonumber(ARGV[3]))
        redis.call('HSET', KEYS[1], 'conn', '0', 'fseq', '0', 'pw', ARGV[1], 'acct', account)
        return {0, account}
        """;

    /// <summary>KEYS: user, files, file order, the bucket's connected users. ARGV: user, account.</summary>
    public const string Unregister = Prelude + """
        local s = status_of(KEYS[1], ARGV[2])
        if s ~= 0 then return s end
        redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
        redis.call('HDEL', KEYS[4], ARGV[1])
        return 0
        """;

    /// <summary>
    /// KEYS: user, the bucket's connected users. ARGV: user, ip, port, session, account, server. A connected user is
    /// taken over only by a session that may resume it (docs/sessions.md §7), as <c>DirectoryRegistry.MayResume</c>.
    /// The server whose session it is is recorded, for its liveness (<see cref="Reap"/>).
    /// </summary>
    public const string Connect = Prelude + """
        local s = status_of(KEYS[1], ARGV[5])
        if s ~= 0 then return s end
        local st = redis.call('HMGET', KEYS[1], 'conn', 'sess', 'orph', 'acct')
        if st[1] == '1' then
          local may = ARGV[4] ~= '0' and ARGV[4] ~= st[2] and (st[3] == '1' or (st[4] ~= false and st[4] == ARGV[5]))
          if not may then return 3 end
        end
        redis.call('HSET', KEYS[1], 'conn', '1', 'ip', ARGV[2], 'port', ARGV[3], 'sess', ARGV[4], 'orph', '0', 'srv', ARGV[6])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '\n' .. ARGV[3])
        return 0
        """;

    /// <summary>KEYS: user, the bucket's connected users. ARGV: user, account.</summary>
    public const string Disconnect = Prelude + """
        local s = connected_status(KEYS[1], ARGV[2])
        if s ~= 0 then return s end
        clear(KEYS[1], KEYS[2], ARGV[1])
        return 0
        """;

    /// <summary>KEYS: user. ARGV: session. Returns 1 when the user was orphaned.</summary>
    public const string Orphan = """
        local st = redis.call('HMGET', KEYS[1], 'conn', 'sess')
        if st[1] == '1' and st[2] == ARGV[1] and ARGV[1] ~= '0' then
          redis.call('HSET', KEYS[1], 'orph', '1')
          return 1
        end
        return 0
        """;

    /// <summary>KEYS: user, the bucket's connected users. ARGV: user, session. Returns 1 when the user expired.</summary>
    public const string Expire = Prelude + """
        local st = redis.call('HMGET', KEYS[1], 'orph', 'sess')
        if st[1] == '1' and st[2] == ARGV[2] then
          clear(KEYS[1], KEYS[2], ARGV[1])
          return 1
        end
        return 0
        """;

    /// <summary>KEYS: user, files, file order. ARGV: file, description, account.</summary>
    public const string Publish = Prelude + """
        local s = connected_status(KEYS[1], ARGV[3])
        if s ~= 0 then return s end
        if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 5 end
        redis.call('ZADD', KEYS[3], redis.call('HINCRBY', KEYS[1], 'fseq', 1), ARGV[1])
        return 0
        """;

    /// <summary>KEYS: user, files, file order. ARGV: file, account.</summary>
    public const string Delete = Prelude + """
        local s = connected_status(KEYS[1], ARGV[2])
        if s ~= 0 then return s end
        if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return 6 end
        redis.call('ZREM', KEYS[3], ARGV[1])
        return 0
        """;

    /// <summary>KEYS: user. ARGV: account. The status of a caller that must be connected (LIST_USERS, LIST_CONTENT).</summary>
    public const string CheckConnected = Prelude + """
        return connected_status(KEYS[1], ARGV[1])
        """;

    /// <summary>KEYS: user, files, file order. Returns {7} for no such user, else {0, name, description, ...} in publishing order.</summary>
    public const string ListContent = HmgetAll + """
        if redis.call('EXISTS', KEYS[1]) == 0 then return {7} end
        local out = {0}
        append_files(out, KEYS[2], KEYS[3], nil)
        return out
        """;

    /// <summary>
    /// KEYS: the bucket's connected users. ARGV: the bucket's files key prefix, file, user to leave out.
    /// Returns {user, address, ...}: the bucket's connected publishers of the file.
    /// </summary>
    public const string FindSources = """
        local connected = redis.call('HGETALL', KEYS[1])
        local out = {}
        for i = 1, #connected, 2 do
          local user = connected[i]
          if user ~= ARGV[3] and redis.call('HEXISTS', ARGV[1] .. user, ARGV[2]) == 1 then
            out[#out + 1] = user
            out[#out + 1] = connected[i + 1]
          end
        end
        return out
        """;

    /// <summary>
    /// KEYS: the bucket's connected users. ARGV: the bucket's files key prefix, its file order key prefix.
    /// Returns {user, name, description, ...}: every file of the bucket's connected users, each user's in
    /// publishing order. The directory server matches SEARCH's text against them (ignoring case as .NET does, beyond
    /// ASCII, which Lua cannot).
    /// </summary>
    public const string ConnectedFiles = HmgetAll + """
        local connected = redis.call('HKEYS', KEYS[1])
        local out = {}
        for _, user in ipairs(connected) do
          append_files(out, ARGV[1] .. user, ARGV[2] .. user, user)
        end
        return out
        """;

    // On one Redis (no cluster) a script may touch keys of every slot: the operations across users then read every
    // bucket, and check their caller, in one atomic step, linearizable like the memory store's read lock.

    /// <summary>KEYS: caller, then every bucket's connected users. ARGV: account. Returns {status, user, address, ...}.</summary>
    public const string ListUsersAtomic = Prelude + """
        local s = connected_status(KEYS[1], ARGV[1])
        if s ~= 0 then return {s} end
        local out = {0}
        for k = 2, #KEYS do
          local connected = redis.call('HGETALL', KEYS[k])
          for i = 1, #connected do out[#out + 1] = connected[i] end
        end
        return out
        """;

    /// <summary>
    /// KEYS: caller, remote user, its files, its file order. ARGV: account. Returns {status, name, description, ...}.
    /// </summary>
    public const string ListContentAtomic = Prelude + """
        local s = connected_status(KEYS[1], ARGV[1])
        if s ~= 0 then return {s} end
        if redis.call('EXISTS', KEYS[2]) == 0 then return {7} end
        local out = {0}
        append_files(out, KEYS[3], KEYS[4], nil)
        return out
        """;

    /// <summary>
    /// KEYS: the named user, then every bucket's connected users. ARGV: account, file, then each bucket's files key
    /// prefix. Returns {status, user, address, ...}.
    /// </summary>
    public const string FindSourcesAtomic = """
        local acct = redis.call('HGET', KEYS[1], 'acct')
        if acct and acct ~= ARGV[1] then return {8} end
        local named = string.sub(KEYS[1], string.find(KEYS[1], ':u:', 1, true) + 3)
        local out = {0}
        for k = 2, #KEYS do
          local connected = redis.call('HGETALL', KEYS[k])
          for i = 1, #connected, 2 do
            local user = connected[i]
            if user ~= named and redis.call('HEXISTS', ARGV[k + 1] .. user, ARGV[2]) == 1 then
              out[#out + 1] = user
              out[#out + 1] = connected[i + 1]
            end
          end
        end
        return out
        """;

    /// <summary>
    /// KEYS: the named user (or none), then every bucket's connected users. ARGV: account, then each bucket's files
    /// and file order key prefixes in pairs. Returns {status, user, name, description, ...}.
    /// </summary>
    public const string ConnectedFilesAtomic = HmgetAll + """
        local first = 1
        if ARGV[1] ~= '' then
          local acct = redis.call('HGET', KEYS[1], 'acct')
          if acct and acct ~= ARGV[2] then return {8} end
          first = 2
        end
        local out = {0}
        for k = first, #KEYS do
          local bucket = k - first
          for _, user in ipairs(redis.call('HKEYS', KEYS[k])) do
            append_files(out, ARGV[3 + 2 * bucket] .. user, ARGV[4 + 2 * bucket] .. user, user)
          end
        end
        return out
        """;

    /// <summary>
    /// KEYS: the bucket's connected users. ARGV: the bucket's user key prefix, a dead server, the server taking over.
    /// Orphans the bucket's users connected over the dead server's sessions (docs/registry-stores.md §4), hands them
    /// to the taker and returns {user, session, ...}: atomically, so each goes to one server only.
    /// </summary>
    public const string Reap = """
        local out = {}
        for _, user in ipairs(redis.call('HKEYS', KEYS[1])) do
          local key = ARGV[1] .. user
          local st = redis.call('HMGET', key, 'srv', 'sess')
          if st[1] == ARGV[2] and st[2] ~= '0' then
            redis.call('HSET', key, 'orph', '1', 'srv', ARGV[3])
            out[#out + 1] = user
            out[#out + 1] = st[2]
          end
        end
        return out
        """;
}
