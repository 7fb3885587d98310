using System.Globalization;

namespace P2PSim.LoadGen.Engine;

/// <summary>
/// The machine's 1-minute load average (Linux), read at the end of each run: on a shared machine it says which
/// figures were taken while other work competed for the CPUs.
/// </summary>
internal static class MachineLoad
{
    public static double? OneMinute()
    {
        try
        {
            if (!File.Exists("/proc/loadavg"))
            {
                return null;
            }

            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
