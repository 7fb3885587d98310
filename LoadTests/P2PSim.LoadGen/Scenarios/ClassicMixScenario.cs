using System.Net;
using P2PSim.LoadGen.Engine;
using P2PSim.Peer;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// The classic mix: each client cycles REGISTER, CONNECT, PUBLISH, LIST_USERS, DISCONNECT as its own user, one TCP
/// connection per operation, one operation per iteration (so in the open model every operation is an arrival).
/// The registry stays at one user and a few files per client. Repeats answer "already registered/published":
/// replies like any other. A step fails when no reply comes or the reply is the operation's "other error" code.
/// </summary>
internal static class ClassicMixScenario
{
    public const string Name = "classic-mix";
    public const string RawName = "classic-mix-raw";

    /// <summary>Files each user publishes in turn: the mix repeats every <see cref="Cycle"/> operations.</summary>
    private const int FilesPerClient = 8;

    /// <summary>Operations before the mix repeats itself exactly (five operations, eight files).</summary>
    public const int Cycle = 5 * FilesPerClient;
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Through P2PSim's own <see cref="DirectoryClient"/> (client and server cost together).</summary>
    public static Scenario Create(TransportEndPoint server, string userPrefix, string name = Name) => Create([server], userPrefix, name);

    /// <summary>
    /// The same against several servers of one registry: client k talks to server k modulo their number, so each
    /// server carries an equal share of the clients.
    /// </summary>
    public static Scenario Create(IReadOnlyList<TransportEndPoint> servers, string userPrefix, string name)
    {
        ArgumentOutOfRangeException.ThrowIfZero(servers.Count);
        var clients = servers.Select(s => new DirectoryClient(TcpTransport.Instance, s, timeout: OperationTimeout)).ToArray();
        return new Scenario(
            name,
            "Classic mix through P2PSim's DirectoryClient: REGISTER, CONNECT, PUBLISH, LIST_USERS, DISCONNECT in turn, one connection per operation"
                + (servers.Count > 1 ? $", clients spread over {servers.Count} servers of one registry." : "."),
            async (context, cancellationToken) =>
            {
                var request = Request(userPrefix, context);
                var client = clients[context.ClientId % clients.Length];
                await context.StepAsync(request.Operation.WireName(), async ct =>
                {
                    var reply = await client.SendAsync(request, ct);
                    return Judge(request.Operation, reply.Code);
                }, cancellationToken);
            });
    }

    /// <summary>Through <see cref="RawExchange"/>: the same bytes, the lean client the ceilings use (server cost alone).</summary>
    public static Scenario CreateRaw(IPEndPoint server, string userPrefix)
    {
        return new Scenario(
            RawName,
            "Classic mix with the bare client the ceilings use (pre-encoded requests, no decoding): isolates the server's cost.",
            async (context, cancellationToken) =>
            {
                var request = Request(userPrefix, context);
                var bytes = DirectoryRequestEncoder.ToArray(request);
                await context.StepAsync(request.Operation.WireName(), async ct =>
                {
                    var (length, first) = await RawExchange.OneShotAsync(server, bytes, ct);
                    return length == 0 ? StepOutcome.Failure("empty reply") : Judge(request.Operation, first - '0');
                }, cancellationToken);
            });
    }

    private static DirectoryRequest Request(string userPrefix, ScenarioContext context) => Request($"{userPrefix}{context.ClientId}", context.Iteration);

    /// <summary>Operation <paramref name="i"/> (0-based) of <paramref name="user"/>'s mix.</summary>
    public static DirectoryRequest Request(string user, long i)
    {
        return (i % 5) switch
        {
            0 => new RegisterRequest(null, user),
            1 => new ConnectRequest(null, user, 40_000),
            2 => new PublishRequest(null, user, $"file-{i / 5 % FilesPerClient}.txt", "load test file"),
            3 => new ListUsersRequest(null, user),
            _ => new DisconnectRequest(null, user),
        };
    }

    /// <summary>OK unless the reply is the operation's "other error" code or no result code at all.</summary>
    public static StepOutcome Judge(Operation operation, int code) =>
        code == operation.OtherErrorCode() || code < 0 || code > 9
            ? StepOutcome.Failure($"code {code}")
            : StepOutcome.Success();
}
