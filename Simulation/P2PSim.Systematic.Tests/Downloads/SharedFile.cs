namespace P2PSim.Systematic.Tests.Downloads;

/// <summary>
/// The file every source serves (a few blocks, the last one short) and the folders of a run, made once per test
/// process: files on disk are not synchronization, so Coyote iterations may share them; each iteration deletes
/// the previous one's download first, so nothing resumes across iterations.
/// </summary>
internal static class SharedFile
{
    public const string Name = "movie.bin";

    /// <summary>Three full blocks of 256 KiB and a short fourth: four blocks, one of them short.</summary>
    public const int Size = (3 * 256 * 1024) + 40_000;

    private static readonly string Root = Path.Combine(Path.GetTempPath(), $"p2psim-coyote-msdl-{Environment.ProcessId}");

    static SharedFile()
    {
        Content = new byte[Size];
        new Random(20261124).NextBytes(Content);
        Directory.CreateDirectory(ShareFolder);
        Directory.CreateDirectory(Downloads);
        File.WriteAllBytes(Path.Combine(ShareFolder, Name), Content);
    }

    public static byte[] Content { get; }

    public static string ShareFolder => Path.Combine(Root, "share");

    public static string Downloads => Path.Combine(Root, "downloads");
}
