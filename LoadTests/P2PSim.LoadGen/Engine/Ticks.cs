using System.Diagnostics;

namespace P2PSim.LoadGen.Engine;

/// <summary>Conversions between <see cref="Stopwatch"/> ticks and <see cref="TimeSpan"/>.</summary>
internal static class Ticks
{
    public static long From(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public static TimeSpan ToTimeSpan(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);

    public static TimeSpan Min(TimeSpan span, long ticks) => ToTimeSpan(Math.Min(From(span), Math.Max(ticks, 0)));
}
