using System.CommandLine;
using System.CommandLine.Parsing;

namespace P2PSim.Cli.Options;

/// <summary>Files and folders named on the command line, checked when parsed so a typo stops the command before it starts.</summary>
internal static class PathOption
{
    /// <summary>A file to create or append to: its folder must exist and the path must not be a folder.</summary>
    public static Option<FileInfo?> File(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "FILE",
        CustomParser = ParseFile,
    };

    /// <summary>A folder that is created when missing: the path must not be an existing file.</summary>
    public static Option<DirectoryInfo?> Folder(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DIR",
        CustomParser = ParseFolder,
    };

    public static FileInfo? ParseFile(ArgumentResult result)
    {
        var spelling = OptionError.Spelling(result);
        var text = OptionError.Token(result);
        if (!TryFullPath(text, out var full))
        {
            return OptionError.Report<FileInfo>(result, $"{spelling} '{text}' is not a file path: give one such as ./out.bin");
        }

        if (Directory.Exists(full))
        {
            return OptionError.Report<FileInfo>(result, $"{spelling} '{text}' is a folder: give a file path inside it");
        }

        var folder = Path.GetDirectoryName(full);
        return folder is not null && !Directory.Exists(folder)
            ? OptionError.Report<FileInfo>(result, $"{spelling} '{text}': the folder {folder} does not exist; create it or give another path")
            : new FileInfo(full);
    }

    public static DirectoryInfo? ParseFolder(ArgumentResult result)
    {
        var spelling = OptionError.Spelling(result);
        var text = OptionError.Token(result);
        if (!TryFullPath(text, out var full))
        {
            return OptionError.Report<DirectoryInfo>(result, $"{spelling} '{text}' is not a folder path: give one such as ./shared");
        }

        return System.IO.File.Exists(full)
            ? OptionError.Report<DirectoryInfo>(result, $"{spelling} '{text}' is a file, not a folder: give a folder path")
            : new DirectoryInfo(full);
    }

    /// <summary>Creates <paramref name="folder"/> if missing; <see cref="UsageException"/> when that is not allowed.</summary>
    public static void Create(DirectoryInfo folder, string spelling)
    {
        try
        {
            folder.Create();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{spelling} {folder.FullName} cannot be created ({e.Message}): give a folder you may write to", e);
        }
    }

    private static bool TryFullPath(string text, out string full)
    {
        full = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            full = Path.GetFullPath(text);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
