using System.Diagnostics;

namespace P2PSim.Fuzzing.Tests;

/// <summary>
/// Every fuzz target over its committed corpus (PropertyTests/P2PSim.Fuzzing/corpus/TARGET) and every past crash
/// (crashes/TARGET): nothing but the documented exceptions, each input within a time bound. Plus the seeds: the
/// committed corpus holds every golden vector (P2PSIM_WRITE_CORPUS=1 writes them).
/// </summary>
public sealed class CorpusTests
{
    /// <summary>Far above what any input takes (microseconds): only an unbounded loop or allocation gets near it.</summary>
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(1);

    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryCorpusEntryAndPastCrashDecodesWithoutAnUnexpectedException(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var files = FuzzingPaths.Inputs(name).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var input = File.ReadAllBytes(file);
            var clock = Stopwatch.StartNew();
            var error = Record.Exception(() => target.Run(input));
            Assert.True(error is null, $"{name} on {file}: {error}");
            Assert.True(clock.Elapsed < PerInput, $"{name} on {file} took {clock.Elapsed.TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public void TheCommittedCorpusHoldsEverySeed()
    {
        var write = Environment.GetEnvironmentVariable("P2PSIM_WRITE_CORPUS") == "1";
        var missing = new List<string>();
        foreach (var (target, name, bytes) in CorpusSeeds.All())
        {
            Assert.NotNull(FuzzTargets.Find(target));
            var path = Path.Combine(FuzzingPaths.Corpus, target, name);
            if (write)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
            }
            else if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                missing.Add($"{target}/{name}");
            }
        }

        Assert.True(missing.Count == 0, $"Seeds missing or changed in the corpus (run with P2PSIM_WRITE_CORPUS=1): {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryTargetHasSeedsAndEverySeedFolderATarget()
    {
        var seeded = CorpusSeeds.All().Select(s => s.Target).ToHashSet();
        Assert.All(FuzzTargets.All, t => Assert.Contains(t.Name, seeded));
        foreach (var folder in new[] { FuzzingPaths.Corpus, FuzzingPaths.Crashes }.Where(Directory.Exists))
        {
            Assert.All(Directory.GetDirectories(folder), d => Assert.NotNull(FuzzTargets.Find(Path.GetFileName(d))));
        }
    }

    [Fact]
    public void TargetNamesAreUnique() =>
        Assert.Equal(FuzzTargets.All.Count, FuzzTargets.All.Select(t => t.Name).Distinct().Count());
}
