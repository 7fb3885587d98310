using Microsoft.Coyote.Specifications;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;

namespace P2PSim.Systematic.Tests.RealCode.Accounts;

/// <summary>
/// The real registry, service and account service racing for one name (docs/sessions.md §6). "alice" starts as a
/// classic user. At once: her classic owner UNREGISTERs her; a newcomer creates an account of that name (which can
/// only win once she is gone) and connects it on port 7000; a classic intruder CONNECTs "alice" on port 7001 and
/// PUBLISHes a file as her; a fourth caller logs in to the account with its password. Invariants:
/// <list type="bullet">
/// <item>a protected alice never carries the intruder's port or file: an anonymous request may act as her only
/// while she has no password, checked in the same critical section as the change;</item>
/// <item>the account is created only if the UNREGISTER came first, and the login succeeds only if the account
/// existed when it looked (else it is refused, never throttled: one failure is free);</item>
/// <item>a logged-in caller acts as alice and as nobody else.</item>
/// </list>
/// </summary>
internal static class AccountTakeoverScenario
{
    private const string Password = "correct horse battery";

    public static async Task RunAsync()
    {
        var wire = new WireDirectory();
        var accounts = new AccountService(wire.Registry, new AccountOptions { Iterations = 1 }, TimeProvider.System, NullLogger.Instance);
        Specification.Assert(wire.Send(new RegisterRequest(null, "alice"), "10.0.0.1").Code == 0, "the first REGISTER of alice failed");

        var owner = Task.Run(() => wire.Send(new UnregisterRequest(null, "alice"), "10.0.0.1").Code);
        var newcomer = Task.Run(() => NewcomerAsync(wire, accounts));
        var intruder = Task.Run(() => Intruder(wire));
        var login = Task.Run(() => LoginAsync(wire, accounts));
        await Task.WhenAll(new Task[] { owner, newcomer, intruder, login }); // an array: Coyote intercepts that overload only

        Specification.Assert(owner.Result == 0, $"the owner's UNREGISTER answered {owner.Result}");
        var alice = wire.Registry.Snapshot().SingleOrDefault(u => u.Name == "alice");
        var created = newcomer.Result;
        if (created)
        {
            Specification.Assert(alice is { Protected: true }, "the account was created but alice is not protected at the end");
        }

        if (alice is { Protected: true })
        {
            Specification.Assert(alice.Port != 7001, "the intruder's anonymous CONNECT changed the protected alice");
            Specification.Assert(alice.Files.All(f => f.FileName != "evil.exe"), "the intruder's anonymous PUBLISH changed the protected alice");
        }

        var loginResult = login.Result;
        Specification.Assert(loginResult is LoginResult.LoggedIn or LoginResult.Refused, $"the login answered {loginResult}");
        Specification.Assert(loginResult != LoginResult.LoggedIn || created, "a login succeeded without the account");
    }

    /// <summary>ACCOUNT alice, then CONNECT as her on 7000; true when the account was created.</summary>
    private static async Task<bool> NewcomerAsync(WireDirectory wire, AccountService accounts)
    {
        var (result, caller) = await accounts.CreateAsync(new AccountRequest(AccountOperation.Create, "alice", Password), "10.0.0.2", CancellationToken.None);
        Specification.Assert(result is AccountResult.Created or AccountResult.NameTaken, $"ACCOUNT alice answered {result}");
        if (result != AccountResult.Created)
        {
            return false;
        }

        var connected = wire.Send(new ConnectRequest(null, "alice", 7000), "10.0.0.2", caller).Code;
        Specification.Assert(connected is 0 or 2, $"the account's own CONNECT answered {connected}");
        return true;
    }

    private static void Intruder(WireDirectory wire)
    {
        wire.Send(new ConnectRequest(null, "alice", 7001), "10.0.0.3");
        wire.Send(new PublishRequest(null, "alice", "evil.exe", "not alice's"), "10.0.0.3");
    }

    /// <summary>LOGIN alice; once in, acts as her (a query) and tries to act as someone else.</summary>
    private static async Task<LoginResult> LoginAsync(WireDirectory wire, AccountService accounts)
    {
        var (result, caller) = await accounts.LoginAsync(new AccountRequest(AccountOperation.Login, "alice", Password), "10.0.0.4", CancellationToken.None);
        if (result != LoginResult.LoggedIn)
        {
            return result;
        }

        Specification.Assert(caller.User == "alice" && caller.Account != 0, $"the login gave caller {caller}");
        var own = wire.Send(new ListContentRequest(null, "alice", "alice"), "10.0.0.4", caller).Code;
        Specification.Assert(own is 0 or 2, $"the logged-in LIST_CONTENT of alice answered {own}");
        var other = wire.Send(new RegisterRequest(null, "mallory"), "10.0.0.4", caller).Code;
        Specification.Assert(other == 2, $"a session logged in as alice registered someone else (code {other})");
        return result;
    }
}
