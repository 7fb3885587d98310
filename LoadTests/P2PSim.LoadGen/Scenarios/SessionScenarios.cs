using System.Diagnostics;
using System.Net;
using P2PSim.LoadGen.Engine;
using P2PSim.Peer.Sessions;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen.Scenarios;

/// <summary>
/// The classic mix over directory sessions (docs/sessions.md): one request in flight per session through
/// P2PSim's <see cref="DirectorySessionClient"/>, and pipelined, both through the client (concurrent callers on one
/// session, or one caller sending batches) and through the session codecs alone (<see cref="RawSessionPipeline"/>:
/// the server's cost). Every
/// session is one user of the mix, as the classic mix's clients are, so the registry holds the same users.
/// </summary>
internal static class SessionScenarios
{
    public const string MixName = "session-mix";
    public const string PipelinedRawName = "session-pipelined-raw";
    public const string PipelinedClientName = "session-pipelined";
    public const string PipelinedBatchName = "session-pipelined-batch";

    /// <summary>Requests each pipelining session keeps in flight.</summary>
    public const int Depth = 16;

    private static readonly SessionClientOptions Options = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Each client keeps one session for the run and sends the mix on it, one request at a time.</summary>
    public static Scenario Mix(TransportEndPoint server, string userPrefix) => new(
        MixName,
        "Classic mix over one DirectorySessionClient per client, kept for the run, one request in flight.",
        async (context, cancellationToken) =>
        {
            var request = ClassicMixScenario.Request($"{userPrefix}{context.ClientId}", context.Iteration);
            await context.StepAsync(request.Operation.WireName(), async ct =>
            {
                var session = context.State as DirectorySessionClient;
                try
                {
                    if (session is null)
                    {
                        session = await DirectorySessionClient.TryOpenAsync(TcpTransport.Instance, server, Options, ct)
                            ?? throw new InvalidOperationException($"{server} declined the session");
                        context.State = session;
                    }

                    var reply = await session.SendAsync(request, ct);
                    return ClassicMixScenario.Judge(request.Operation, reply.Code);
                }
                finally
                {
                    if (session is { IsOpen: false })
                    {
                        // Ended (the server closed, a reply was late): the next iteration opens a new one.
                        context.State = null;
                        await session.DisposeAsync();
                    }
                }
            }, cancellationToken);
        });

    /// <summary>Sessions through the session codecs alone, one per client, each with <see cref="Depth"/> requests in flight.</summary>
    public static Scenario PipelinedRaw(IPEndPoint server, string userPrefix) => PipelinedScenario.Create(
        PipelinedRawName,
        $"Classic mix pipelined on sessions through the session codecs alone ({Depth} pre-encoded request frames in flight per session): the server's cost.",
        "request",
        server,
        Depth,
        context => new RawSessionPipeline($"{userPrefix}{context.ClientId}"));

    /// <summary>
    /// <paramref name="sessions"/> DirectorySessionClients, each shared by <see cref="Depth"/> concurrent callers
    /// (engine clients <c>k·Depth … k·Depth+Depth−1</c> share session k): run it with sessions × Depth clients.
    /// </summary>
    public static Scenario PipelinedClient(TransportEndPoint server, string userPrefix, int sessions)
    {
        var shared = new SharedSessions(server, sessions);
        return new Scenario(
            PipelinedClientName,
            $"Classic mix pipelined through P2PSim's DirectorySessionClient: {sessions} sessions, {Depth} concurrent callers on each.",
            async (context, cancellationToken) =>
            {
                var lease = (SharedSessions.Lease)(context.State ??= shared.Take(context.ClientId / Depth % sessions));
                var request = ClassicMixScenario.Request($"{userPrefix}{lease.Slot}", lease.NextOperation());
                await context.StepAsync(request.Operation.WireName(), async ct =>
                {
                    var session = await lease.SessionAsync(ct);
                    var reply = await session.SendAsync(request, ct);
                    return ClassicMixScenario.Judge(request.Operation, reply.Code);
                }, cancellationToken);
            });
    }

    /// <summary>
    /// One <see cref="DirectorySessionClient"/> per client, kept for the run, sending the mix in batches of
    /// <see cref="Depth"/> (<see cref="DirectorySessionClient.SendBatchAsync"/>): every reply is one operation,
    /// its latency the batch's.
    /// </summary>
    public static Scenario PipelinedBatch(TransportEndPoint server, string userPrefix) => new(
        PipelinedBatchName,
        $"Classic mix pipelined through P2PSim's DirectorySessionClient in batches of {Depth}: one caller per session.",
        async (context, cancellationToken) =>
        {
            var recorder = context.Recorder("request");
            var session = context.State as DirectorySessionClient;
            try
            {
                if (session is null)
                {
                    session = await DirectorySessionClient.TryOpenAsync(TcpTransport.Instance, server, Options, cancellationToken)
                        ?? throw new InvalidOperationException($"{server} declined the session");
                    context.State = session;
                }

                var user = $"{userPrefix}{context.ClientId}";
                var requests = new DirectoryRequest[Depth];
                for (var i = 0; i < Depth; i++)
                {
                    requests[i] = ClassicMixScenario.Request(user, (context.Iteration * Depth) + i);
                }

                var started = Stopwatch.GetTimestamp();
                var replies = await session.SendBatchAsync(requests, cancellationToken);
                var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                for (var i = 0; i < replies.Count; i++)
                {
                    var outcome = ClassicMixScenario.Judge(requests[i].Operation, replies[i].Code);
                    if (outcome.Ok)
                    {
                        recorder.RecordOk(micros, 0);
                    }
                    else
                    {
                        recorder.RecordFailure(outcome.FailureReason ?? "failed");
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                recorder.RecordFailure(e.GetType().Name);
                context.State = null;
                if (session is not null)
                {
                    await session.DisposeAsync();
                }
            }
        });
}
