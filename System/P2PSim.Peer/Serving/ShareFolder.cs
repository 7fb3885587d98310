namespace P2PSim.Peer.Serving;

/// <summary>
/// The folder a peer serves and the rule for which names it will open (spec §3): a plain file name directly inside
/// the folder, nothing else. Checked twice — by the name's shape, then by where the full path and any link at it
/// actually lead — so a name that slips past one check is still caught by the other.
/// </summary>
internal sealed class ShareFolder
{
    private readonly string _root;
    private readonly string _resolvedRoot;

    public ShareFolder(string directory)
    {
        _root = WithSeparator(Path.GetFullPath(directory));

        // When the folder itself is a link, targets of links inside it are reported under the real path.
        var target = Directory.Exists(directory) ? new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true) : null;
        _resolvedRoot = target is null ? _root : WithSeparator(Path.GetFullPath(target.FullName));
    }

    /// <summary>The folder's full path, ending with a separator.</summary>
    public string Root => _root;

    /// <summary>
    /// True for a name a peer may be asked for: not empty, not <c>.</c>, no <c>/</c>, <c>\</c>, <c>..</c>, NUL or
    /// other control character, not rooted, and (on Windows) no drive or stream colon.
    /// </summary>
    public static bool IsSafeName(string name)
    {
        if (name.Length == 0 || name == "." || name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            // VolumeSeparatorChar is ':' on Windows only ("C:x" is drive-relative, "a:b" an alternate stream).
            if (c is '/' or '\\' || char.IsControl(c) || (c == Path.VolumeSeparatorChar && c != Path.DirectorySeparatorChar))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Maps a requested name to the file to open. False when the name is unsafe or leads outside the folder,
    /// including through a symbolic link placed in the folder. Does not check that the file exists.
    /// </summary>
    public bool TryResolve(string name, out string path)
    {
        path = string.Empty;
        if (!IsSafeName(name))
        {
            return false;
        }

        var candidate = Path.GetFullPath(Path.Join(_root, name));
        if (!IsInside(candidate))
        {
            return false;
        }

        var info = new FileInfo(candidate);
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !IsInside(Path.GetFullPath(target.FullName)))
            {
                return false;
            }
        }

        path = candidate;
        return true;
    }

    private bool IsInside(string fullPath) =>
        (fullPath.StartsWith(_root, PathComparison) && fullPath.Length > _root.Length) ||
        (fullPath.StartsWith(_resolvedRoot, PathComparison) && fullPath.Length > _resolvedRoot.Length);

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static string WithSeparator(string path) => Path.TrimEndingDirectorySeparator(path) + Path.DirectorySeparatorChar;
}
