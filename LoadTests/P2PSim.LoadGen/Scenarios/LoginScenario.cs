using P2PSim.LoadGen.Engine;
using P2PSim.Peer.Sessions;
using P2PSim.Protocol.Sessions;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// The cost of a login (docs/sessions.md §6): each client keeps one session, creates its account once, then logs
/// in to it again and again with the right password, so every step is one PBKDF2 check at the server's real cost
/// (600,000 rounds). Its latency is what a user waits at LOGIN; its rate is what the server's cores can check.
/// </summary>
internal static class LoginScenario
{
    public const string Name = "login";

    /// <summary>Clients of the run: one per core, since a login is pure CPU on the server.</summary>
    public static int Clients => Math.Max(1, Environment.ProcessorCount);

    private const string Password = "a load generator's password";

    private static readonly SessionClientOptions Options = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static Scenario Create(TransportEndPoint server, string userPrefix) => new(
        Name,
        "LOGIN with the right password, again and again, one session per client: one PBKDF2-SHA256 check (600,000 rounds) per step.",
        async (context, cancellationToken) =>
        {
            var user = $"{userPrefix}login{context.ClientId}";
            await context.StepAsync("LOGIN", async ct =>
            {
                if (context.State is not DirectorySessionClient session)
                {
                    session = await DirectorySessionClient.TryOpenAsync(TcpTransport.Instance, server, Options, ct)
                        ?? throw new InvalidOperationException($"{server} declined the session");
                    context.State = session;
                    var created = await session.CreateAccountAsync(user, Password, ct);
                    if (created is not (AccountResult.Created or AccountResult.NameTaken))
                    {
                        return StepOutcome.Failure($"ACCOUNT {user} answered {created}");
                    }
                }

                var result = await session.LoginAsync(user, Password, ct);
                return result == LoginResult.LoggedIn ? StepOutcome.Success() : StepOutcome.Failure($"LOGIN {user} answered {result}");
            }, cancellationToken);
        });
}
