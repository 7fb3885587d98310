using P2PSim.LoadGen.Progress;
using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadGen.Reports;

/// <summary>The session figures as table rows, shared by the Markdown and HTML reports.</summary>
internal static class SessionRows
{
    public static readonly string[] RoundHeader =
    [
        "round", "bare persistent ops/s", "session mix", "÷ persistent", "bare pipelined", "pipelined (codecs)", "÷ pipelined",
        "pipelined (client)", "÷ pipelined", "pipelined (batches)", "÷ pipelined", "classic mix", "mix ÷ classic", "pipelined (client) ÷ classic",
        "CPU µs/op persistent · mix · pipelined · codecs · client · batches · classic",
    ];

    /// <summary>Headline rows (figure, value); none when the suite ran no session rounds.</summary>
    public static IEnumerable<string[]> Headline(Headline h)
    {
        var c = SuitePlan.ReferenceClients;
        if (h.BarePipelinedPerSecond is { } pipelined)
        {
            yield return [$"bare pipelined ceiling, {c} connections × {Scenarios.SessionScenarios.Depth} in flight", $"{Format.Rate(pipelined)} ops/s"];
        }

        if (h.SessionMedians is not { } m)
        {
            yield break;
        }

        var n = h.SessionRounds.Count;
        yield return
        [
            $"session rounds (median of {n}): bare persistent · session mix · bare pipelined · pipelined (codecs) · pipelined (client) · pipelined (batches) · classic mix, ops/s",
            $"{Format.Rate(m.BarePersistent.PerSecond)} · {Format.Rate(m.SessionMix.PerSecond)} · {Format.Rate(m.BarePipelined.PerSecond)} · "
                + $"{Format.Rate(m.PipelinedRaw.PerSecond)} · {Format.Rate(m.PipelinedClient.PerSecond)} · {Format.Rate(m.PipelinedBatch.PerSecond)} · {Format.Rate(m.Classic.PerSecond)}",
        ];
        yield return [$"session mix / bare persistent ({c} sessions, one request in flight; goal ≥ 0.6)", Format.Ratio(h.SessionMixVsPersistent)];
        yield return
        [
            $"pipelined sessions / bare pipelined ({c} × {Scenarios.SessionScenarios.Depth} in flight; goal ≥ 0.3): codecs (the server alone) · client (concurrent callers) · client (batches)",
            $"{Format.Ratio(h.PipelinedRawVsPipelined)} · {Format.Ratio(h.PipelinedClientVsPipelined)} · {Format.Ratio(h.PipelinedBatchVsPipelined)}",
        ];
        yield return
        [
            "× classic mix (goal ≥ 4): session mix · pipelined (codecs) · pipelined (client)",
            $"{Format.Ratio(h.SessionMixVsClassic)} · {Format.Ratio(h.PipelinedRawVsClassic)} · {Format.Ratio(h.PipelinedClientVsClassic)}",
        ];
        yield return ["CPU µs/op (session rounds): persistent · mix · pipelined · codecs · client · batches · classic", Cpu(m)];
    }

    public static IEnumerable<string[]> Rounds(Headline h) => h.SessionRounds.Select(r => new[]
    {
        r.Round.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Format.Rate(r.BarePersistent.PerSecond), Format.Rate(r.SessionMix.PerSecond), Format.Ratio(r.SessionMixVsPersistent),
        Format.Rate(r.BarePipelined.PerSecond), Format.Rate(r.PipelinedRaw.PerSecond), Format.Ratio(r.PipelinedRawVsPipelined),
        Format.Rate(r.PipelinedClient.PerSecond), Format.Ratio(r.PipelinedClientVsPipelined),
        Format.Rate(r.PipelinedBatch.PerSecond), Format.Ratio(r.PipelinedBatchVsPipelined),
        Format.Rate(r.Classic.PerSecond), Format.Ratio(r.SessionMixVsClassic), Format.Ratio(r.PipelinedClientVsClassic),
        Cpu(r),
    });

    private static string Cpu(SessionRound r) => string.Join(
        " · ",
        new[] { r.BarePersistent, r.SessionMix, r.BarePipelined, r.PipelinedRaw, r.PipelinedClient, r.PipelinedBatch, r.Classic }.Select(f => Format.Number(f.CpuMicrosPerOp, "0.0")));
}
