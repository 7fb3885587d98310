using System.Globalization;

namespace P2PSim.Transport;

/// <summary>Process-wide connection ids for logs (<c>c1</c>, <c>c2</c>…).</summary>
internal static class ConnectionIds
{
    private static long s_next;

    public static string Next() => "c" + Interlocked.Increment(ref s_next).ToString(CultureInfo.InvariantCulture);
}
