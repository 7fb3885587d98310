using System.Net;
using P2PSim.LoadGen.Engine;
using P2PSim.LoadGen.Scenarios;

namespace P2PSim.LoadGen.Ceilings;

/// <summary>Scenarios against the bare servers, driven by the same engine and client code as P2PSim's.</summary>
internal static class CeilingScenarios
{
    public const string OneShotName = "bare-oneshot";
    public const string PersistentName = "bare-persistent";
    public const string PipelinedName = "bare-pipelined";

    /// <summary>A classic-sized request (a REGISTER of a short user), so the bytes on the wire match.</summary>
    private static readonly byte[] OneShotRequest = "REGISTER\0lgbare0\0"u8.ToArray();

    public static Scenario OneShot(IPEndPoint server) => new(
        OneShotName,
        "Bare loopback server: connect, one request, one-byte reply, close (the ceiling for one-connection-per-op).",
        async (context, cancellationToken) =>
            await context.StepAsync("exchange", async ct =>
            {
                var (length, _) = await RawExchange.OneShotAsync(server, OneShotRequest, ct);
                return length == 1 ? StepOutcome.Success() : StepOutcome.Failure("short reply");
            }, cancellationToken));

    public static Scenario Persistent(IPEndPoint server) => new(
        PersistentName,
        $"Bare loopback server over kept connections: {BarePersistentServer.RequestLength}-byte request, one-byte reply (the request/response ceiling).",
        async (context, cancellationToken) =>
            await context.StepAsync("exchange", async ct =>
            {
                context.State ??= await PersistentClient.ConnectAsync(server, ct);
                try
                {
                    await ((PersistentClient)context.State).ExchangeAsync(ct);
                    return StepOutcome.Success();
                }
                catch
                {
                    ((PersistentClient)context.State).Dispose();
                    context.State = null;
                    throw;
                }
            }, cancellationToken));

    /// <summary>Each client keeps <paramref name="depth"/> requests in flight on its own connection.</summary>
    public static Scenario Pipelined(IPEndPoint server, int depth) => PipelinedScenario.Create(
        PipelinedName,
        $"Bare loopback server over kept connections, {depth} {BarePipelinedServer.RequestLength}-byte requests in flight per connection, "
            + "one reply byte each, all buffered requests answered in one write (the pipelining ceiling).",
        "exchange",
        server,
        depth,
        _ => new BarePipelinedClient());
}
