using System.Net;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// Fills a registry with <c>count</c> registered, connected users with two files each: directly when the server
/// runs in this process on the memory store, through the store's API when it runs on another store (so the seeded
/// state is as durable as the rest), over the wire (bounded parallelism) when it is an external target.
/// </summary>
internal static class RegistrySeeder
{
    private const int Parallelism = 16;

    public static void Seed(DirectoryRegistry registry, string userPrefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var user = $"{userPrefix}{i}";
            registry.Register(user);
            registry.Connect(user, "127.0.0.1", 40_000 + (i % 20_000));
            registry.Publish(user, "a.txt", "seeded file a");
            registry.Publish(user, "b.txt", "seeded file b");
        }
    }

    /// <summary>
    /// <paramref name="users"/> users through <paramref name="store"/>'s API, <paramref name="files"/> files spread
    /// evenly over them, <paramref name="parallelism"/> users at a time: a durable store's concurrent changes then
    /// share their fsyncs (group commit), as a busy server's do.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store refused a change.</exception>
    public static async Task SeedAsync(IRegistryStore store, string userPrefix, int users, int files, int parallelism, CancellationToken cancellationToken)
    {
        var perUser = files / users;
        var extra = files % users;
        await Parallel.ForAsync(0, users, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var user = $"{userPrefix}{i}";
            Check(await store.RegisterAsync(user), user);
            Check(await store.ConnectAsync(user, "127.0.0.1", 40_000 + (i % 20_000), Caller.Anonymous), user);
            var count = perUser + (i < extra ? 1 : 0);
            for (var j = 0; j < count; j++)
            {
                Check(await store.PublishAsync(user, FileName(j), $"seeded file {j}", Caller.Anonymous), user);
            }
        });
    }

    public static async Task SeedAsync(IPEndPoint server, string userPrefix, int count, CancellationToken cancellationToken)
    {
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var user = $"{userPrefix}{i}";
            DirectoryRequest[] requests =
            [
                new RegisterRequest(null, user),
                new ConnectRequest(null, user, 40_000 + (i % 20_000)),
                new PublishRequest(null, user, "a.txt", "seeded file a"),
                new PublishRequest(null, user, "b.txt", "seeded file b"),
            ];
            foreach (var request in requests)
            {
                await RawExchange.OneShotAsync(server, DirectoryRequestEncoder.ToArray(request), ct);
            }
        });
    }

    /// <summary>a.txt and b.txt first, as <see cref="Seed"/> names them, then f2.txt, f3.txt….</summary>
    private static string FileName(int j) => j switch
    {
        0 => "a.txt",
        1 => "b.txt",
        _ => $"f{j}.txt",
    };

    private static void Check(RegistryStatus status, string user)
    {
        if (status != RegistryStatus.Ok)
        {
            throw new InvalidOperationException($"seeding {user}: the store answered {status}");
        }
    }
}
