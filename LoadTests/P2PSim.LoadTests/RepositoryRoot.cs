namespace P2PSim.LoadTests;

/// <summary>The folder holding P2PSim.sln, found from the test's output folder: reports go to its artifacts/.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Artifacts(params string[] parts) => System.IO.Path.Combine([Path, "artifacts", .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "P2PSim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"P2PSim.sln not found above {AppContext.BaseDirectory}.");
    }
}
