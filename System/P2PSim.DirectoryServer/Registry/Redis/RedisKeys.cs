using System.IO.Hashing;
using System.Text;
using StackExchange.Redis;

namespace P2PSim.DirectoryServer.Registry.Redis;

/// <summary>
/// The registry's key layout in Redis (docs/registry-stores.md §4). Users are spread over a fixed number of
/// buckets by a hash of their name; every key of a user, and its bucket's index of connected users, carries the
/// bucket's hash tag <c>{PREFIX:bN}</c>, so one user's operation touches one cluster slot. Operations across users
/// gather from every bucket. The bucket count is part of the layout: every server sharing a registry must use the
/// same one.
/// </summary>
internal sealed class RedisKeys(string prefix, int buckets)
{
    private readonly string[] _tags = [.. Enumerable.Range(0, buckets).Select(b => $"{{{prefix}:b{b}}}")];

    public int Buckets { get; } = buckets;

    /// <summary>The session counter, shared by every server.</summary>
    public RedisKey Sessions { get; } = $"{{{prefix}:g}}:sessions";

    /// <summary>Every server that has served sessions and not been reaped: the ids reapers check.</summary>
    public RedisKey Servers { get; } = $"{{{prefix}:g}}:servers";

    /// <summary>A server's liveness: present while it refreshes it within its time to live.</summary>
    public RedisKey Alive(string server) => $"{{{prefix}:g}}:alive:{server}";

    /// <summary>A stable bucket for <paramref name="user"/>: CRC-32 of its UTF-8 name, the same on every server.</summary>
    public int BucketOf(string user) => (int)(Crc32.HashToUInt32(Encoding.UTF8.GetBytes(user)) % (uint)Buckets);

    public RedisKey User(int bucket, string user) => $"{UserPrefix(bucket)}{user}";

    public string UserPrefix(int bucket) => $"{_tags[bucket]}:u:";

    public RedisKey Files(int bucket, string user) => $"{FilesPrefix(bucket)}{user}";

    public RedisKey FileOrder(int bucket, string user) => $"{FileOrderPrefix(bucket)}{user}";

    public string FilesPrefix(int bucket) => $"{_tags[bucket]}:f:";

    public string FileOrderPrefix(int bucket) => $"{_tags[bucket]}:o:";

    /// <summary>The bucket's connected users: user → "ip\nport".</summary>
    public RedisKey Connected(int bucket) => $"{_tags[bucket]}:connected";

    /// <summary>The bucket's account counter; account numbers are counter × buckets + bucket, unique everywhere.</summary>
    public RedisKey Accounts(int bucket) => $"{_tags[bucket]}:accounts";

    /// <summary>A SCAN pattern of every user hash of the bucket.</summary>
    public RedisValue UserPattern(int bucket) => $"{_tags[bucket]}:u:*";

    /// <summary>The user name in one of the bucket's user keys.</summary>
    public string UserOf(int bucket, string key) => key[$"{_tags[bucket]}:u:".Length..];
}
