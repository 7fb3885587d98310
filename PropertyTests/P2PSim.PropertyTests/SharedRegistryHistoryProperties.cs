using P2PSim.Fixtures;
using P2PSim.PropertyTests.Support;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// The concurrent-history property (<see cref="ConcurrentHistoryProperties"/>) against two directory servers
/// sharing one registry in Redis, clients spread over both, classic and session alike: on one
/// <c>redis-server</c> and on a three-primary Redis Cluster on loopback. Every history must be linearizable against
/// the same sequential model as one server's, which is what "several servers are one directory" means. On a
/// cluster that holds for the users of one bucket (one slot), the first cluster case, with every user in one.
/// With 16 buckets, reads across buckets are atomic per bucket only (docs/registry-stores.md §4; the property
/// found a LIST_CONTENT that saw its caller connected, then its remote user unregistered), so the second cluster
/// case checks exactly that weaker promise (<see cref="Concurrency.PerBucketSteps"/>).
/// </summary>
public sealed class SharedRegistryHistoryProperties(SharedRegistryHistoryProperties.RedisDeployments redis, ITestOutputHelper output)
    : IClassFixture<SharedRegistryHistoryProperties.RedisDeployments>
{
    private const int Servers = 2;
    private const int Attempts = 2;

    [Fact]
    public void Histories_against_two_servers_on_one_redis_are_linearizable() =>
        Check(SharedRedisServers.Factory([redis.Single.EndPoint], Servers), ClientMode.Mixed);

    [Fact]
    public void Histories_against_two_servers_on_a_redis_cluster_are_linearizable_within_one_bucket() =>
        Check(SharedRedisServers.Factory(redis.Cluster.EndPoints, Servers, buckets: 1), ClientMode.Mixed);

    [Fact]
    public void Histories_against_two_servers_on_a_redis_cluster_with_sixteen_buckets_are_consistent_per_bucket() =>
        Check(SharedRedisServers.Factory(redis.Cluster.EndPoints, Servers, perBucket: true), ClientMode.Mixed);

    private void Check(ServerFactory servers, ClientMode mode)
    {
        var cases = PropertySettings.ConcurrentTcpCases;
        output.WriteLine($"{PropertySettings.Describe(cases)}, {Servers} servers, {mode} clients");
        FsCheck.Check.One(
            PropertySettings.Config(cases),
            ConcurrentHistoryProperties.HistoryProperty(ServerTarget.Tcp, servers, Attempts, (_, report) => output.WriteLine(report), mode));
    }

    /// <summary>One redis-server and one cluster for the whole class: each case gets its own key prefix.</summary>
    public sealed class RedisDeployments : IAsyncLifetime
    {
        private RedisServerProcess? _single;
        private RedisClusterProcess? _cluster;

        public RedisServerProcess Single => _single!;

        public RedisClusterProcess Cluster => _cluster!;

        public async Task InitializeAsync()
        {
            _single = await RedisServerProcess.StartAsync();
            _cluster = await RedisClusterProcess.StartAsync();
        }

        public async Task DisposeAsync()
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }

            if (_single is not null)
            {
                await _single.DisposeAsync();
            }
        }
    }
}
