using System.Net;
using System.Text;
using P2PSim.LoadGen.Engine;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// Read-heavy lists against a large registry (see <see cref="RegistrySeeder"/>): one iteration in five is a
/// LIST_USERS (the whole connected list, hundreds of KB at 10,000 users), the rest LIST_CONTENT of a random seeded
/// user. Requests are made as seeded, connected users. Replies are read whole but not decoded (bytes are counted).
/// </summary>
internal static class ReadHeavyScenario
{
    public const string Name = "read-heavy";

    public static Scenario Create(IPEndPoint server, string userPrefix, int users)
    {
        return new Scenario(
            Name,
            $"Read-heavy lists with {users:N0} connected users: 20 % LIST_USERS, 80 % LIST_CONTENT of a random user.",
            async (context, cancellationToken) =>
            {
                var me = $"{userPrefix}{context.ClientId % users}";
                DirectoryRequest request = context.Iteration % 5 == 0
                    ? new ListUsersRequest(null, me)
                    : new ListContentRequest(null, me, $"{userPrefix}{context.Random.Next(users)}");
                var bytes = DirectoryRequestEncoder.ToArray(request);
                var step = request is ListUsersRequest ? "LIST_USERS" : "LIST_CONTENT";
                await context.StepAsync(step, async ct =>
                {
                    var (length, first) = await RawExchange.OneShotAsync(server, bytes, ct);
                    return first == '0' ? StepOutcome.Success(length) : StepOutcome.Failure($"code {Encoding.ASCII.GetString([(byte)Math.Max(first, 0)])}");
                }, cancellationToken);
            });
    }
}
