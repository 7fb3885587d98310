using P2PSim.DirectoryServer.Registry;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// Two writers and two readers take the real <see cref="MonitorReaderWriterLock"/> twice each; every holder checks
/// in <see cref="LockOccupancy"/> that nobody is inside who should not be (a writer alone, readers only beside
/// readers).
/// </summary>
internal static class ExclusionScenario
{
    private const int Rounds = 2;

    public static async Task RunAsync()
    {
        var occupancy = new LockOccupancy(new MonitorReaderWriterLock());
        var tasks = new[]
        {
            Task.Run(() => Repeat(occupancy.Write)),
            Task.Run(() => Repeat(occupancy.Read)),
            Task.Run(() => Repeat(occupancy.Write)),
            Task.Run(() => Repeat(occupancy.Read)),
        };
        await Task.WhenAll(tasks);
    }

    private static void Repeat(Action hold)
    {
        for (var i = 0; i < Rounds; i++)
        {
            hold();
        }
    }
}
