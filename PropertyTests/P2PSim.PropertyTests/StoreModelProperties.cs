using FsCheck;
using P2PSim.Fixtures;
using P2PSim.PropertyTests.Model;
using P2PSim.PropertyTests.Support;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// The model-based sequences of <see cref="RegistryModelProperties"/> (classic and session requests mixed, over
/// loopback TCP) against a server on each of the other registry stores: the durable one, and one Redis (a key prefix
/// per case). Every reply and the final registry must be the model's, as on the memory store.
/// </summary>
public sealed class StoreModelProperties(StoreModelProperties.OneRedis redis, ITestOutputHelper output)
    : IClassFixture<StoreModelProperties.OneRedis>
{
    [Fact]
    public void Sequences_against_the_durable_store_match_the_model() => CheckSessions(DurableServer.Factory, "durable store");

    [Fact]
    public void Sequences_against_the_redis_store_match_the_model() =>
        CheckSessions(SharedRedisServers.Factory([redis.Server.EndPoint], count: 1), "Redis store");

    private void CheckSessions(ServerFactory server, string store)
    {
        var cases = PropertySettings.TcpCases;
        output.WriteLine($"{store}, Tcp, Mixed: {PropertySettings.Describe(cases)}");
        Check.One(
            PropertySettings.Config(cases),
            RegistryModelProperties.SessionProperty(ServerTarget.Tcp, () => new DirectoryModel(), (_, _) => { }, server, ClientMode.Mixed));
    }

    /// <summary>One redis-server for the class.</summary>
    public sealed class OneRedis : IAsyncLifetime
    {
        private RedisServerProcess? _server;

        public RedisServerProcess Server => _server!;

        public async Task InitializeAsync() => _server = await RedisServerProcess.StartAsync();

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
