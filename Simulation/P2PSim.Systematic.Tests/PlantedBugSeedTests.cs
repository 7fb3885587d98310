using System.Globalization;
using System.Text;
using P2PSim.Systematic.Tests.PlantedBugs;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// Every planted bug of <see cref="PlantedBugCatalogue"/> is found within its bound on every seed, not only on CI's
/// one: seeds 1..N, N from <c>P2PSIM_COYOTE_CATALOGUE_SEEDS</c> (CI's quick mode 3, the full mode 10). The table
/// goes to <c>artifacts/coyote/seeds.md</c>.
/// </summary>
public sealed class PlantedBugSeedTests(ITestOutputHelper output)
{
    private const int QuickSeeds = 3;
    private readonly CoyoteRunner _coyote = new(output);

    public static int Seeds =>
        int.TryParse(Environment.GetEnvironmentVariable("P2PSIM_COYOTE_CATALOGUE_SEEDS"), out var n) && n > 0 ? n : QuickSeeds;

    public static string SeedsPath => Path.Combine(CoyoteRunner.RepositoryRoot, "artifacts", "coyote", "seeds.md");

    [Fact]
    public void Every_planted_bug_is_found_within_its_bound_on_every_seed()
    {
        var seeds = Seeds;
        var table = new StringBuilder()
            .AppendLine("# Planted bugs: seeds on which Coyote found each within its bound")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Seeds 1..{seeds} (P2PSIM_COYOTE_CATALOGUE_SEEDS); each exploration stops at its first bug.")
            .AppendLine()
            .AppendLine("| bug | race checking | bound | seeds found | N | most iterations to find |")
            .AppendLine("|---|---|---|---|---|---|");
        var missed = new List<string>();
        foreach (var bug in PlantedBugCatalogue.All)
        {
            var found = 0;
            long worst = 0;
            for (var seed = 1u; seed <= seeds; seed++)
            {
                var report = _coyote.Run(bug.Name, CoyoteRunner.Configure(bug.Bound, bug.Races, seed), bug.Scenario);
                if (report.NumOfFoundBugs > 0 && report.BugReports.First().Contains(bug.Symptom, StringComparison.Ordinal))
                {
                    found++;
                    worst = Math.Max(worst, CoyoteRunner.Explored(report));
                }
                else
                {
                    missed.Add($"{bug.Name} on seed {seed}");
                }
            }

            table.AppendLine(CultureInfo.InvariantCulture, $"| {bug.Name} | {bug.Races} | {bug.Bound} | {found} | {seeds} | {worst} |");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(SeedsPath)!);
        File.WriteAllText(SeedsPath, table.ToString());
        output.WriteLine(table.ToString());
        Assert.True(missed.Count == 0, "not found within the bound: " + string.Join(", ", missed));
    }
}
