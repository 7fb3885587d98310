using System.Globalization;

namespace P2PSim.LoadGen.Progress;

/// <summary>Number formats shared by progress lines and reports: invariant culture, latencies µs → ms.</summary>
internal static class Format
{
    public static string Ms(double micros) => (micros / 1000).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString("0", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    public static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);
}
