namespace P2PSim.LoadGen.Suite;

/// <summary>One interleaved round: the bare ceiling and the classic mix (both clients) measured back to back, ops/s.</summary>
internal sealed record RatioRound(int Round, double BareOneShotPerSecond, double ClassicPerSecond, double ClassicRawPerSecond)
{
    public double ClassicVsCeiling => BareOneShotPerSecond > 0 ? ClassicPerSecond / BareOneShotPerSecond : 0;

    public double ClassicRawVsCeiling => BareOneShotPerSecond > 0 ? ClassicRawPerSecond / BareOneShotPerSecond : 0;
}
