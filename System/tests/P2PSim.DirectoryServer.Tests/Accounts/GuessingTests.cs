using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Tests.Sessions;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;
using Xunit.Abstractions;

namespace P2PSim.DirectoryServer.Tests.Accounts;

/// <summary>Password guessing over sessions: throttled, answered, and never in the way of anyone else.</summary>
public sealed class GuessingTests(ITestOutputHelper output)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Past_the_free_failures_even_the_right_password_is_not_checked_until_the_wait_is_over()
    {
        var clock = new FakeTimeProvider();
        var options = new DirectoryServerOptions
        {
            TimeProvider = clock,
            Accounts = new AccountOptions { Iterations = 1_000, FreeFailures = 3, FirstDelay = TimeSpan.FromSeconds(1) },
        };
        var (transport, server) = await SessionServerTests.StartAsync(TransportKind.InMemory, options);
        await using (server)
        {
            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            Assert.Equal(0, await session.AccountAsync(1, AccountOperation.Create, "alice", Password));
            await using var guesser = await RawSession.OpenAsync(transport, server.EndPoint);
            uint id = 0;
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal((int)LoginResult.Refused, await guesser.AccountAsync(++id, AccountOperation.Login, "alice", $"guess {i}"));
            }

            Assert.Equal((int)LoginResult.Throttled, await guesser.AccountAsync(++id, AccountOperation.Login, "alice", Password));
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal((int)LoginResult.LoggedIn, await guesser.AccountAsync(++id, AccountOperation.Login, "alice", Password));
        }
    }

    [Fact]
    public async Task A_thousand_guesses_at_the_real_cost_are_all_answered_few_are_checked_and_other_clients_are_served_meanwhile()
    {
        var (transport, server) = await SessionServerTests.StartAsync(TransportKind.Tcp);
        await using (server)
        {
            await using var owner = await RawSession.OpenAsync(transport, server.EndPoint);
            Assert.Equal(0, await owner.AccountAsync(1, AccountOperation.Create, "alice", Password));
            Assert.Equal(0, (await owner.SendAsync(2, new ConnectRequest(null, "alice", 7000))).Code);

            await using var guesser = await RawSession.OpenAsync(transport, server.EndPoint);
            var classic = new RawClassicClient(transport, server.EndPoint);
            var watch = Stopwatch.StartNew();
            var codes = new List<int>();
            const int Guesses = 1_000;
            const int Batch = 50; // inside the server's window of 64
            for (uint first = 1; first <= Guesses; first += Batch)
            {
                await guesser.WriteAsync([.. Enumerable.Range(0, Batch).Select(i =>
                    RawSession.Account(first + (uint)i, AccountOperation.Login, "alice", $"guess {first + i}"))]);
                for (var i = 0; i < Batch; i++)
                {
                    codes.Add(await guesser.ReadAccountReplyAsync(first + (uint)i));
                }

                // Everyone else is served meanwhile: the owner's session, and classic clients.
                Assert.Equal(0, (await owner.SendAsync(2 + first, new PublishRequest(null, "alice", $"f{first}", "x"))).Code);
                Assert.Equal(0, (await classic.SendAsync(new RegisterRequest(null, $"bystander{first}"))).Code);
            }

            watch.Stop();
            var checkedGuesses = codes.Count(c => c == (int)LoginResult.Refused);
            var throttled = codes.Count(c => c == (int)LoginResult.Throttled);
            output.WriteLine(
                $"{Guesses} guesses in {watch.Elapsed.TotalSeconds:0.00} s: {checkedGuesses} checked " +
                $"({checkedGuesses / watch.Elapsed.TotalSeconds:0.0} checked guesses/s), {throttled} refused unchecked");

            Assert.Equal(Guesses, checkedGuesses + throttled);
            Assert.DoesNotContain((int)LoginResult.LoggedIn, codes);

            // Three free failures, then one per wait: 1 s, 2 s, 4 s… so few can be checked in any short run.
            var bound = 3 + 1 + (int)Math.Log2(1 + watch.Elapsed.TotalSeconds);
            Assert.InRange(checkedGuesses, 4, bound);
        }
    }
}
