using System.Collections.Concurrent;
using System.Globalization;
using P2PSim.Fixtures;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using Xunit.Abstractions;

namespace P2PSim.IntegrationTests;

/// <summary>
/// The durable store on the real executable (docs/registry-stores.md): <c>p2psim server --data-dir</c> SIGKILLed at
/// random moments under load from classic clients, twenty times, restarted on the same folder each time. After each
/// restart every acknowledged operation is there, and every user is exactly where its acknowledged history put it,
/// or one step further (the step it was waiting on when the server died, applied but not answered). The same for
/// the Redis store with the Redis server killed under a running directory server (AOF, fsync on every write).
/// </summary>
public sealed class RegistryKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 20;
    private const int Clients = 4;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // Each user walks these steps in order; the level is how many are done.
    private static readonly string[] Steps = ["REGISTER", "CONNECT", "PUBLISH", "UNREGISTER"];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("p2psim-kill-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Every_acknowledged_operation_survives_redis_killed_five_times_under_load()
    {
        // appendfsync always: Redis answers a write once it is in the AOF on the disk, as the durable store does.
        var dir = Path.Combine(_root.FullName, "redis");
        Directory.CreateDirectory(dir);
        string[] persistence = ["--appendonly", "yes", "--appendfsync", "always", "--dir", dir];
        var redis = await RedisServerProcess.StartAsync(0, persistence);
        var port = redis.Port;
        await using var server = await DirectoryServerProcess.StartAsync("--registry", redis.Url, "--quiet");
        var users = new ConcurrentDictionary<string, UserHistory>(StringComparer.Ordinal);
        var random = new Random(7);
        var answered = 0;
        try
        {
            for (var kill = 0; kill < 5; kill++)
            {
                using var stop = new CancellationTokenSource();
                var load = Enumerable.Range(0, Clients)
                    .Select(c => LoadAsync(RawClassicClient.Loopback(server.Port), $"r{kill}c{c}", users, stop.Token, untilFailure: false))
                    .ToArray();
                await Task.Delay(random.Next(200, 500));
                await redis.Node.KillAsync(Bound);
                await Task.Delay(200); // clients get error codes meanwhile, and the server keeps serving them
                redis = await RedisServerProcess.StartAsync(port, persistence);
                await Task.Delay(300);
                await stop.CancelAsync();
                answered += (await Task.WhenAll(load).WaitAsync(Bound)).Sum();
                await Poll.UntilAsync(async () => (await RawClassicClient.Loopback(server.Port).SendAsync(new RegisterRequest(null, $"probe{kill}"))).Code == 0, Bound, "the server serves again");
                await CheckAsync(RawClassicClient.Loopback(server.Port), users.Values, $"after Redis kill {kill}");
            }
        }
        finally
        {
            await redis.DisposeAsync();
        }

        output.WriteLine($"5 Redis kills, {users.Count} users, {answered} answered operations, all found after restarts");
        Assert.True(answered > 5 * Clients * 3, $"only {answered} operations were answered: the load barely ran");
    }

    [Fact]
    public async Task Every_acknowledged_operation_survives_twenty_kills_under_load()
    {
        var dataDir = Path.Combine(_root.FullName, "registry");
        var random = new Random(20261207);
        var users = new ConcurrentDictionary<string, UserHistory>(StringComparer.Ordinal);
        var answered = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var server = await DirectoryServerProcess.StartAsync("--data-dir", dataDir, "--quiet");
            var restarted = RawClassicClient.Loopback(server.Port);
            await CheckAsync(restarted, users.Values, $"after restart {kill}");

            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Clients)
                .Select(c => LoadAsync(RawClassicClient.Loopback(server.Port), $"k{kill}c{c}", users, stop.Token))
                .ToArray();
            await Task.Delay(random.Next(100, 400));
            await server.Node.KillAsync(Bound);
            await stop.CancelAsync();
            answered += (await Task.WhenAll(load).WaitAsync(Bound)).Sum();
        }

        await using (var last = await DirectoryServerProcess.StartAsync("--data-dir", dataDir, "--quiet"))
        {
            await CheckAsync(RawClassicClient.Loopback(last.Port), users.Values, "after the last restart");
        }

        output.WriteLine($"{Kills} kills, {users.Count} users, {answered} answered operations, all found after restarts");
        Assert.True(answered > Kills * Clients * 3, $"only {answered} operations were answered: the load barely ran");
    }

    /// <summary>One client: walks fresh users through the steps until the server dies. Returns the operations answered.</summary>
    /// <remarks>
    /// With <paramref name="untilFailure"/> the client stops at the first failure (its server died); otherwise an
    /// error code (the registry is down behind a live server) leaves that user where it is, and it goes on with the next.
    /// </remarks>
    private static async Task<int> LoadAsync(
        RawClassicClient client, string prefix, ConcurrentDictionary<string, UserHistory> users, CancellationToken stop, bool untilFailure = true)
    {
        var answered = 0;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var history = users.GetOrAdd($"{prefix}u{n}", name => new UserHistory(name));

            // Every fifth user stops before UNREGISTER, so the registry keeps some users with files.
            var last = n % 5 == 0 ? 3 : 4;
            for (var step = 0; step < last; step++)
            {
                history.Attempting = step + 1;
                int code;
                try
                {
                    code = (await client.SendAsync(Request(history.Name, step))).Code;
                }
                catch (Exception e) when (e is IOException or P2PSim.Transport.TransportException or P2PSim.Protocol.ProtocolException or TimeoutException)
                {
                    return answered; // the server is gone; this step may or may not have been applied
                }

                if (code != 0 && !untilFailure && code == Request(history.Name, step).Operation.OtherErrorCode())
                {
                    break; // the registry did not answer: this step may or may not have been applied
                }

                Assert.True(code == 0, $"{Steps[step]} {history.Name} answered {code}");
                history.Done = step + 1;
                answered++;
            }
        }

        return answered;
    }

    private static DirectoryRequest Request(string user, int step) => step switch
    {
        0 => new RegisterRequest(null, user),
        1 => new ConnectRequest(null, user, 7000),
        2 => new PublishRequest(null, user, "file.bin", "kept across kills"),
        _ => new UnregisterRequest(null, user),
    };

    /// <summary>Each user's level in the restarted registry must be its acknowledged one, or the one it was attempting.</summary>
    private static async Task CheckAsync(RawClassicClient client, IEnumerable<UserHistory> histories, string when)
    {
        var checker = $"checker{Guid.NewGuid():N}"[..20];
        Assert.Equal(0, (await client.SendAsync(new RegisterRequest(null, checker))).Code);
        Assert.Equal(0, (await client.SendAsync(new ConnectRequest(null, checker, 1))).Code);
        var connected = (await client.SendAsync(new ListUsersRequest(null, checker))).Users!.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var history in histories)
        {
            var content = await client.SendAsync(new ListContentRequest(null, checker, history.Name));
            var level = content.Code == 3 ? (history.Done >= 1 ? 4 : 0)
                : content.Files!.Count > 0 ? 3
                : connected.Contains(history.Name) ? 2
                : 1;
            var allowed = history.Done == history.Attempting ? [history.Done] : new[] { history.Done, history.Attempting };
            Assert.True(
                allowed.Contains(level),
                $"{when}: {history.Name} is at level {level.ToString(CultureInfo.InvariantCulture)} ({Describe(level)}); acknowledged {Describe(history.Done)}, attempting {Describe(history.Attempting)}");

            // What the registry shows is settled now: the restarted server answers from it.
            history.Done = history.Attempting = level;
        }

        Assert.Equal(0, (await client.SendAsync(new UnregisterRequest(null, checker))).Code);
    }

    private static string Describe(int level) => level == 0 ? "nothing" : $"after {Steps[level - 1]}";

    private sealed class UserHistory(string name)
    {
        public string Name { get; } = name;

        public volatile int Done;

        public volatile int Attempting;
    }
}
