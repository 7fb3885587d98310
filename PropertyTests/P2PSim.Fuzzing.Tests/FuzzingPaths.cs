namespace P2PSim.Fuzzing.Tests;

/// <summary>Where the fuzzing project's corpus and crash folders are, from the source tree this test was built in.</summary>
internal static class FuzzingPaths
{
    public static string Project { get; } = FindProject();

    public static string Corpus => Path.Combine(Project, "corpus");

    public static string Crashes => Path.Combine(Project, "crashes");

    /// <summary>The corpus entries and past crashes of <paramref name="target"/>, in a stable order.</summary>
    public static IEnumerable<string> Inputs(string target) =>
        new[] { Corpus, Crashes }
            .Select(root => Path.Combine(root, target))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));

    private static string FindProject()
    {
        // Up from bin/CONFIG/TFM to the repository (bounded: the tree is a few levels deep).
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; i < 12 && directory is not null; i++, directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "P2PSim.sln")))
            {
                return Path.Combine(directory.FullName, "PropertyTests", "P2PSim.Fuzzing");
            }
        }

        throw new InvalidOperationException($"No P2PSim.sln above {AppContext.BaseDirectory}.");
    }
}
