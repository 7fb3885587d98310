namespace P2PSim.Fixtures;

/// <summary>Where things are in the repository, found from the test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding P2PSim.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The classic Python client and its interop scenario.</summary>
    public static string ClassicClients => Path.Combine(Root, "Fixtures", "classic");

    /// <summary>
    /// The built <c>p2psim.dll</c>: copied next to every assembly that references this project, since Fixtures
    /// references the CLI project.
    /// </summary>
    public static string P2PSimDll => Path.Combine(AppContext.BaseDirectory, "p2psim.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "P2PSim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"P2PSim.sln not found above {AppContext.BaseDirectory}.");
    }
}
