using System.Net;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// Fills a registry with <c>count</c> registered, connected users with two files each: directly when the server
/// runs in this process, over the wire (bounded parallelism) when it is an external target.
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
}
