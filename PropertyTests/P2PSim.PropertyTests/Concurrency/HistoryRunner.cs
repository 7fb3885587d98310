using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using P2PSim.Peer;
using P2PSim.Peer.Sessions;
using P2PSim.PropertyTests.Model;
using P2PSim.PropertyTests.Support;
using P2PSim.Protocol;
using P2PSim.TestKit;

namespace P2PSim.PropertyTests.Concurrency;

/// <summary>
/// Runs a <see cref="ConcurrentCase"/> against a fresh server: the setup one request at a time (each reply
/// compared with the model), then every client at once, recording when each request was invoked and answered.
/// The history must be linearizable against the model and end in the server's final registry state. A run is
/// repeated <c>attempts</c> times (a fresh server each) because one schedule may hide a race another shows.
/// </summary>
internal static class HistoryRunner
{
    public static SequenceOutcome Run(ConcurrentCase c, ServerTarget target, ServerFactory server, int attempts, ClientMode mode = ClientMode.Classic) =>
        Bounded.Run(async () =>
        {
            SequenceOutcome outcome = new(true, string.Empty);
            for (var attempt = 1; attempt <= attempts && outcome.Passed; attempt++)
            {
                outcome = await RunOnceAsync(c, target, server, attempt, mode);
            }

            return outcome;
        }, Bounded.Default * attempts, $"{attempts} concurrent run(s) of a case against {target}");

    private static async Task<SequenceOutcome> RunOnceAsync(ConcurrentCase c, ServerTarget target, ServerFactory factory, int attempt, ClientMode mode)
    {
        var (serverTransport, clientTransport, bindAt) = target.Create();
        await using var server = await factory(serverTransport, bindAt, ResultEncoding.Ascii);
        var report = new StringBuilder().AppendLine($"history ({target}, {mode}, attempt {attempt}):");
        var model = new DirectoryModel();
        foreach (var command in c.Setup)
        {
            var expected = model.Apply(command, TestNetwork.ClientIp);
            var actual = await SequenceRunner.SendAsync(clientTransport, server.EndPoint, command);
            report.AppendLine($"  setup: {command} → {ReplyText.Describe(actual)}");
            if (!ReplyEquality.Matches(command, expected, actual))
            {
                return new SequenceOutcome(false, report.AppendLine($"  <-- MISMATCH in setup, model: {ReplyText.Describe(expected)}").ToString());
            }
        }

        IReadOnlyList<HistoryEvent> history;
        try
        {
            history = await RecordAsync(c, clientTransport, server, mode);
        }
        catch (Exception e) when (e is ProtocolException or DirectoryUnavailableException)
        {
            return new SequenceOutcome(false, report.AppendLine($"  a client failed: {e.GetType().Name}: {e.Message}").ToString());
        }

        foreach (var e in history.OrderBy(e => e.Invoked))
        {
            report.AppendLine($"  {e}");
        }

        var final = DirectoryModel.FromSnapshot(await server.SnapshotAsync()).Fingerprint();
        var result = server.BucketOf is { } bucketOf
            ? LinearizabilityChecker.Check(model, PerBucketSteps.Of(history, c.Setup.Select(s => s.User), bucketOf), TestNetwork.ClientIp, final)
            : LinearizabilityChecker.Check(model, history, TestNetwork.ClientIp, final);
        if (!result.Linearizable)
        {
            report.AppendLine($"  NOT LINEARIZABLE ({result.StatesExplored} states explored); the longest explainable order:");
            foreach (var e in result.Witness)
            {
                report.AppendLine($"    {e}");
            }

            report.AppendLine("  and nothing pending can go next (its reply or the final registry state disagrees with the model).");
        }

        return new SequenceOutcome(result.Linearizable, report.ToString());
    }

    /// <summary>
    /// Every client at once. With sessions, a client opens its own session before the start (so the hello is not
    /// part of the history) and sends every request on it; in <see cref="ClientMode.Mixed"/> every other client does.
    /// The sessions stay open until every client is done: a session that ends is an event of its own (its users are
    /// orphaned, and another session's CONNECT may resume them: docs/sessions.md §7), which the model does not
    /// know; the presence races are explored under Coyote (real-presence-race) against a model that does.
    /// </summary>
    private static async Task<IReadOnlyList<HistoryEvent>> RecordAsync(
        ConcurrentCase c, Transport.ITransport transport, IServerUnderTest server, ClientMode mode)
    {
        var events = new ConcurrentBag<HistoryEvent>();
        var sessions = new DirectorySessionClient?[c.Clients.Count];
        try
        {
            for (var k = 0; k < sessions.Length; k++)
            {
                var onSession = mode == ClientMode.Session || (mode == ClientMode.Mixed && k % 2 == 0);
                sessions[k] = onSession
                    ? await DirectorySessionClient.TryOpenAsync(transport, EndPointOf(server, k)) ?? throw new InvalidOperationException("The server declined the session.")
                    : null;
            }

            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var start = Stopwatch.GetTimestamp();
            var clients = c.Clients.Select((commands, k) => Task.Run(async () =>
            {
                var session = sessions[k];
                await go.Task;
                foreach (var command in commands)
                {
                    var invoked = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    var reply = session is null
                        ? await SequenceRunner.SendAsync(transport, EndPointOf(server, k), command)
                        : await session.SendAsync(SequenceRunner.ToRequest(command));
                    events.Add(new HistoryEvent(k + 1, command, invoked, Stopwatch.GetElapsedTime(start).TotalMilliseconds, reply));
                }
            })).ToArray();
            go.SetResult();
            await Task.WhenAll(clients);
            return [.. events];
        }
        finally
        {
            foreach (var session in sessions)
            {
                if (session is not null)
                {
                    await session.DisposeAsync();
                }
            }
        }
    }

    private static Transport.TransportEndPoint EndPointOf(IServerUnderTest server, int client) => server.EndPoints[client % server.EndPoints.Count];
}
