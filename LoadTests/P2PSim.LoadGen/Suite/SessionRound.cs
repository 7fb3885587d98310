namespace P2PSim.LoadGen.Suite;

/// <summary>One run of a <see cref="SessionRound"/>: operations a second and this process's CPU µs per operation.</summary>
internal sealed record RoundFigure(double PerSecond, double CpuMicrosPerOp);

/// <summary>
/// One interleaved round of the session runs (docs/sessions.md), back to back with their ceilings and the classic
/// mix: the bare request/response ceiling and the session mix (one request in flight per session), the bare
/// pipelining ceiling and the pipelined sessions (through the session codecs alone, and through
/// <c>DirectorySessionClient</c>: concurrent callers, and batches), and the classic mix (one connection per operation).
/// </summary>
internal sealed record SessionRound(
    int Round,
    RoundFigure BarePersistent,
    RoundFigure SessionMix,
    RoundFigure BarePipelined,
    RoundFigure PipelinedRaw,
    RoundFigure PipelinedClient,
    RoundFigure PipelinedBatch,
    RoundFigure Classic)
{
    /// <summary>Session mix / bare persistent request/response (goal ≥ 0.6).</summary>
    public double SessionMixVsPersistent => Ratio(SessionMix, BarePersistent);

    /// <summary>Pipelined sessions through the codecs / bare pipelining ceiling (goal ≥ 0.3): the server's share.</summary>
    public double PipelinedRawVsPipelined => Ratio(PipelinedRaw, BarePipelined);

    /// <summary>Pipelined sessions through <c>DirectorySessionClient</c> / bare pipelining ceiling (goal ≥ 0.3).</summary>
    public double PipelinedClientVsPipelined => Ratio(PipelinedClient, BarePipelined);

    /// <summary>Pipelined sessions through <c>DirectorySessionClient.SendBatchAsync</c> / bare pipelining ceiling (goal ≥ 0.3).</summary>
    public double PipelinedBatchVsPipelined => Ratio(PipelinedBatch, BarePipelined);

    /// <summary>Session mix / classic mix (goal ≥ 4).</summary>
    public double SessionMixVsClassic => Ratio(SessionMix, Classic);

    /// <summary>Pipelined sessions through the codecs / classic mix.</summary>
    public double PipelinedRawVsClassic => Ratio(PipelinedRaw, Classic);

    /// <summary>Pipelined sessions through <c>DirectorySessionClient</c> / classic mix (goal ≥ 4).</summary>
    public double PipelinedClientVsClassic => Ratio(PipelinedClient, Classic);

    private static double Ratio(RoundFigure a, RoundFigure b) => b.PerSecond > 0 ? a.PerSecond / b.PerSecond : 0;
}
