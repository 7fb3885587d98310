using Microsoft.Extensions.Time.Testing;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;

namespace P2PSim.DirectoryServer.Tests.Sessions;

/// <summary>The time bounds of a session, on a fake clock: idle time, and flood control.</summary>
public sealed class SessionBoundsTests
{
    [Fact]
    public async Task A_silent_session_is_closed_after_the_idle_time_and_a_pinging_one_is_not()
    {
        var clock = new FakeTimeProvider();
        var options = new DirectoryServerOptions
        {
            TimeProvider = clock,
            Sessions = new SessionOptions { IdleTimeout = TimeSpan.FromSeconds(10) },
        };
        var (transport, server) = await SessionServerTests.StartAsync(TransportKind.InMemory, options);
        await using (server)
        {
            await using var silent = await RawSession.OpenAsync(transport, server.EndPoint);
            await using var pinging = await RawSession.OpenAsync(transport, server.EndPoint);
            Assert.Equal(10, silent.Terms!.IdleSeconds);
            Assert.Equal(0, (await silent.SendAsync(1, new RegisterRequest(null, "alice"))).Code);
            Assert.Equal(0, (await pinging.SendAsync(1, new RegisterRequest(null, "bob"))).Code);
            var closed = silent.ReadFrameAsync();

            // A second at a time (the server's read may start a moment after its reply), pinging every 5 s.
            var passed = TimeSpan.Zero;
            for (var second = 1; second <= 30 && !closed.IsCompleted; second++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                passed += TimeSpan.FromSeconds(1);
                if (second % 5 == 0)
                {
                    await pinging.WriteAsync(RawSession.Frame(SessionFrameKind.Ping, (uint)second, []));
                    Assert.Equal(SessionFrameKind.Pong, (await pinging.ReadFrameAsync())!.Value.Kind);
                }

                await Task.WhenAny(closed, Task.Delay(20));
            }

            var close = await Bounded.WaitAsync(closed, Bounded.Default, "the idle session's Close");
            Assert.Equal(SessionCloseCode.Idle, SessionCloseCodec.Read(new(close!.Value.Body)).Code);
            Assert.True(passed >= TimeSpan.FromSeconds(10), $"closed after {passed}, before the idle time");
            Assert.Equal(0, (await pinging.SendAsync(2, new ConnectRequest(null, "bob", 4000))).Code);
        }
    }

    [Fact]
    public async Task Flood_control_answers_the_burst_at_once_and_the_rest_at_the_rate()
    {
        var clock = new FakeTimeProvider();
        var options = new DirectoryServerOptions
        {
            TimeProvider = clock,
            Sessions = new SessionOptions { RequestsPerSecond = 10, Burst = 2 },
        };
        var (transport, server) = await SessionServerTests.StartAsync(TransportKind.InMemory, options);
        await using (server)
        {
            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            var other = await RawSession.OpenAsync(transport, server.EndPoint);
            await session.WriteAsync([.. Enumerable.Range(1, 4).Select(i => RawSession.Request((uint)i, new RegisterRequest(null, $"u{i}")))]);

            Assert.Equal(0, (await session.ReadReplyAsync(1, Operation.Register)).Code);
            Assert.Equal(0, (await session.ReadReplyAsync(2, Operation.Register)).Code);
            var third = session.ReadReplyAsync(3, Operation.Register);

            // Another session has its own bucket: it is served while the first one waits.
            Assert.Equal(0, (await other.SendAsync(1, new RegisterRequest(null, "other"))).Code);
            Assert.False(third.IsCompleted, "the third request was answered before its token came");
            clock.Advance(TimeSpan.FromMilliseconds(100));
            Assert.Equal(0, (await Bounded.WaitAsync(third, Bounded.Default, "the third reply")).Code);
            var fourth = session.ReadReplyAsync(4, Operation.Register);
            clock.Advance(TimeSpan.FromMilliseconds(100));
            Assert.Equal(0, (await Bounded.WaitAsync(fourth, Bounded.Default, "the fourth reply")).Code);
            await other.DisposeAsync();
        }
    }
}
