using System.Globalization;
using System.Text;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// The Coyote-versus-stress table, one row per planted bug, rewritten to <c>artifacts/coyote/report.md</c> each time
/// a row is added (tests run one at a time) so the file always holds every bug measured in this run.
/// </summary>
internal static class PlantedBugReport
{
    public const string Header =
        "| bug | race checking | bound | Coyote: iterations to first find | Coyote: time to find | Coyote hit rate | Coyote wall time | iterations/s | stress trials (same wall time) | stress hits | stress hit rate |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Rows = [];

    public static string Path => System.IO.Path.Combine(CoyoteRunner.RepositoryRoot, "artifacts", "coyote", "report.md");

    public static string Row(PlantedBug bug, long firstFind, TimeSpan timeToFind, long rateHits, long rateIterations, TimeSpan rateWall, StressResult stress) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {bug.Name} | {bug.Races} | {bug.Bound} | {firstFind} | {timeToFind.TotalSeconds:F2} s | " +
            $"{rateHits}/{rateIterations} ({100.0 * rateHits / Math.Max(rateIterations, 1):F1}%) | {rateWall.TotalSeconds:F2} s | " +
            $"{rateIterations / Math.Max(rateWall.TotalSeconds, 0.001):F0} | {stress.Trials} | {stress.Hits} | {100 * stress.HitRate:F3}% |");

    public static void Add(PlantedBug bug, string row)
    {
        lock (Gate)
        {
            Rows[bug.Name] = row;
            var text = new StringBuilder()
                .AppendLine("# Planted concurrency bugs: Coyote vs. stress")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Seed {CoyoteRunner.Seed}; stress: the same scenario on real threads for Coyote's wall time (hit-rate run), {Environment.ProcessorCount} cores.")
                .AppendLine()
                .AppendLine(Header);
            foreach (var known in PlantedBugCatalogue.All.Where(b => Rows.ContainsKey(b.Name)))
            {
                text.AppendLine(Rows[known.Name]);
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.WriteAllText(Path, text.ToString());
        }
    }
}
