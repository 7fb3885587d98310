namespace P2PSim.LoadGen.Engine;

/// <summary>
/// When the k-th arrival of an open phase is due: the inverse of the cumulative arrivals of a rate that goes
/// linearly from <c>r0</c> to <c>r1</c> over <c>T</c> seconds. N(t) = r0·t + (r1 − r0)·t²/(2T); solving N(t) = k
/// gives the start time of arrival k, so a constant rate is the special case t = k / r0.
/// </summary>
internal static class ArrivalSchedule
{
    /// <summary>Seconds into the phase at which arrival <paramref name="k"/> (0-based) is due; +∞ if never within the phase.</summary>
    public static double DueSeconds(long k, double fromRate, double toRate, double phaseSeconds)
    {
        var total = TotalArrivals(fromRate, toRate, phaseSeconds);
        if (k >= total)
        {
            return double.PositiveInfinity;
        }

        var slope = (toRate - fromRate) / phaseSeconds;
        if (Math.Abs(slope) < 1e-12)
        {
            return k / fromRate;
        }

        // slope/2 · t² + r0 · t − k = 0, the root in [0, T].
        var discriminant = (fromRate * fromRate) + (2 * slope * k);
        var t = (-fromRate + Math.Sqrt(Math.Max(discriminant, 0))) / slope;
        return Math.Clamp(t, 0, phaseSeconds);
    }

    /// <summary>Arrivals the whole phase holds: the area under the rate line.</summary>
    public static double TotalArrivals(double fromRate, double toRate, double phaseSeconds) =>
        (fromRate + toRate) / 2 * phaseSeconds;
}
