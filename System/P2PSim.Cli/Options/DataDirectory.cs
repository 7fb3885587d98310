namespace P2PSim.Cli.Options;

/// <summary>Where P2PSim keeps its durable files by default: the user's data folder, never the current directory.</summary>
internal static class DataDirectory
{
    /// <summary>
    /// <c>$XDG_DATA_HOME/p2psim</c>, else <c>~/.local/share/p2psim</c> (on Windows and macOS the platform's local
    /// application data); null when the user has none (no home directory).
    /// </summary>
    public static string? Default
    {
        get
        {
            var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return string.IsNullOrEmpty(root) ? null : Path.Combine(root, "p2psim");
        }
    }
}
