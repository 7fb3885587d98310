using System.Buffers;
using Microsoft.Extensions.Time.Testing;
using P2PSim.DirectoryServer;
using P2PSim.Peer.Sessions;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests.Sessions;

/// <summary>The session client's write coalescing, its watchdog, and how the end of a session reaches every waiting call.</summary>
public sealed class SessionClientBatchingTests
{
    private static readonly SessionClientOptions Options = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Frames_of_callers_queued_during_a_write_go_out_together_in_the_next_one()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var counting = new WriteCountingTransport(network.Transport);
        await using var session = await OpenAsync(counting, server.EndPoint, Options);
        var stream = counting.Stream;
        var writesBefore = stream.Writes;
        var bytesBefore = stream.BytesWritten;

        // The first caller becomes the writer and is held in its write; the nine after it only queue their frames.
        var held = stream.HoldNextWrite();
        var calls = new List<Task<DirectoryReply>> { session.SendAsync(new RegisterRequest(null, "u0")) };
        await Bounded.WaitAsync(held, Bounded.Default, "the first request's write to start");
        calls.AddRange(Enumerable.Range(1, 9).Select(i => session.SendAsync(new RegisterRequest(null, $"u{i}"))));
        Assert.Equal(10, session.InFlight);
        stream.Release();

        var replies = await Bounded.WaitAsync(Task.WhenAll(calls), Bounded.Default, "ten callers' replies");

        Assert.All(replies, reply => Assert.Equal(0, reply.Code));
        Assert.Equal(2, stream.Writes - writesBefore); // ten frames: the held one, then the other nine in one write
        Assert.Equal(Enumerable.Range(0, 10).Sum(i => FrameLength($"u{i}")), stream.BytesWritten - bytesBefore);
        Assert.Equal(10, server.Registry.Snapshot().Count);
    }

    [Fact]
    public async Task The_watchdog_ends_the_session_once_the_oldest_reply_is_later_than_the_timeout()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var silent = await SilentServerAsync(network.Transport);
        var clock = new FakeTimeProvider();
        var options = Options with { Timeout = TimeSpan.FromSeconds(10), TimeProvider = clock };
        await using var session = await OpenAsync(network.Transport, silent.EndPoint, options);

        var first = session.SendAsync(new RegisterRequest(null, "alice"));
        var second = session.SendAsync(new ConnectRequest(null, "alice", 4000));
        var waited = await AdvanceUntilAsync(clock, first);

        var late = await Assert.ThrowsAsync<DirectoryUnavailableException>(() => first);
        Assert.Contains("did not send the REGISTER reply within 10 s", late.Message, StringComparison.Ordinal);
        Assert.InRange(waited, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10 + 2.5 + 1)); // one look per quarter of the timeout
        var behind = await Assert.ThrowsAsync<DirectoryUnavailableException>(() => Bounded.WaitAsync(second, Bounded.Default, "the call behind it"));
        Assert.Same(late, behind);
        Assert.False(session.IsOpen);
    }

    [Fact]
    public async Task The_watchdog_cuts_off_a_write_that_does_not_finish()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var counting = new WriteCountingTransport(network.Transport);
        var clock = new FakeTimeProvider();
        var options = Options with { Timeout = TimeSpan.FromSeconds(10), TimeProvider = clock, Heartbeats = false };
        await using var session = await OpenAsync(counting, server.EndPoint, options);

        var held = counting.Stream.HoldNextWrite(); // never released: the write hangs as on a full TCP window
        var call = session.SendAsync(new RegisterRequest(null, "alice"));
        await Bounded.WaitAsync(held, Bounded.Default, "the write to start");
        await AdvanceUntilAsync(clock, call);

        var error = await Assert.ThrowsAsync<DirectoryUnavailableException>(() => call);
        Assert.Contains("the write was cut off", error.Message, StringComparison.Ordinal);
        Assert.False(session.IsOpen);
    }

    [Fact]
    public async Task A_caller_that_gives_up_ends_its_own_wait_and_the_session_goes_on()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var counting = new WriteCountingTransport(network.Transport);
        await using var session = await OpenAsync(counting, server.EndPoint, Options);

        var held = counting.Stream.HoldNextWrite();
        using var giveUp = new CancellationTokenSource();
        var abandoned = session.SendAsync(new RegisterRequest(null, "alice"), giveUp.Token);
        await Bounded.WaitAsync(held, Bounded.Default, "the write to start");
        var waiting = session.SendAsync(new RegisterRequest(null, "bob"));
        await giveUp.CancelAsync();
        counting.Stream.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(0, (await Bounded.WaitAsync(waiting, Bounded.Default, "the call behind it")).Code);
        Assert.Equal(1, (await session.SendAsync(new RegisterRequest(null, "alice"))).Code); // the abandoned REGISTER reached the server
        Assert.True(session.IsOpen);
        Assert.Equal(0, session.InFlight);
    }

    [Fact]
    public async Task Every_waiting_call_fails_when_the_server_closes_the_session()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var closeNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var closing = await ScriptedServer.StartAsync(network.Transport, async (connection, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct);
            await connection.Stream.WriteAsync(Terms(window: 64), ct);
            await closeNow.Task.WaitAsync(ct);
            var close = new ArrayBufferWriter<byte>();
            SessionCloseCodec.Write(close, SessionCloseCode.Normal, "going away");
            await connection.Stream.WriteAsync(close.WrittenMemory, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        await using var session = await OpenAsync(network.Transport, closing.EndPoint, Options with { Timeout = Timeout.InfiniteTimeSpan });

        var calls = Enumerable.Range(0, 5).Select(i => session.SendAsync(new RegisterRequest(null, $"u{i}"))).ToArray();
        Assert.Equal(5, session.InFlight);
        closeNow.TrySetResult();

        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<DirectoryUnavailableException>(() => Bounded.WaitAsync(call, Bounded.Default, "a waiting call"));
            Assert.Contains("going away", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, session.InFlight);
    }

    [Fact]
    public async Task Disposing_fails_every_call_in_flight_and_every_call_waiting_for_the_window()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var silent = await SilentServerAsync(network.Transport, window: 2);
        var session = await OpenAsync(network.Transport, silent.EndPoint, Options with { Timeout = Timeout.InfiniteTimeSpan });

        var calls = Enumerable.Range(0, 4).Select(i => session.SendAsync(new RegisterRequest(null, $"u{i}"))).ToArray();
        Assert.Equal(2, session.InFlight); // two in the window, two waiting for it
        await session.DisposeAsync();

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => Bounded.WaitAsync(call, Bounded.Default, "a waiting call"));
        }
    }

    /// <summary>Advances the fake clock a second at a time until <paramref name="task"/> completes; returns how far it went.</summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider clock, Task task)
    {
        var start = clock.GetUtcNow();
        for (var i = 0; i < 60 && !task.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(task, Task.Delay(20));
        }

        await Bounded.WaitAsync(task.ContinueWith(_ => { }, TaskScheduler.Default), Bounded.Default, "the watchdog to end the session");
        return clock.GetUtcNow() - start;
    }

    private static Task<ScriptedServer> SilentServerAsync(ITransport transport, int window = 64) =>
        ScriptedServer.StartAsync(transport, async (connection, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct);
            await connection.Stream.WriteAsync(Terms(window), ct);
            await Task.Delay(Timeout.Infinite, ct); // reads nothing more, answers nothing
        });

    private static async Task<DirectorySessionClient> OpenAsync(ITransport transport, TransportEndPoint server, SessionClientOptions options) =>
        await DirectorySessionClient.TryOpenAsync(transport, server, options, TestData.Timeout())
        ?? throw new InvalidOperationException("The server declined the session.");

    private static byte[] Terms(int window)
    {
        var output = new ArrayBufferWriter<byte>();
        SessionHelloCodec.WriteTerms(output, new SessionTerms(1, 833, window, 0, 0));
        return output.WrittenSpan.ToArray();
    }

    private static int FrameLength(string user) =>
        SessionFrameCodec.HeaderLength + DirectoryRequestEncoder.ToArray(new RegisterRequest(null, user)).Length;
}
