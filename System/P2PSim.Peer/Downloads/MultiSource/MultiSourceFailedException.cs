namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// A multi-source download could not complete: no usable source, every source dropped, or the file changed on the
/// sources. Verified blocks stay in the part file (unless disabled), so trying again resumes from them.
/// </summary>
public sealed class MultiSourceFailedException : IOException
{
    public MultiSourceFailedException(string fileName, string reason, IReadOnlyList<SourceReport> sources, Exception? inner = null)
        : base($"Multi-source download of {fileName} failed: {reason}.", inner)
    {
        FileName = fileName;
        Sources = sources;
    }

    public MultiSourceFailedException()
        : this(string.Empty, "unknown", [])
    {
    }

    public MultiSourceFailedException(string message)
        : base(message)
    {
        FileName = string.Empty;
        Sources = [];
    }

    public MultiSourceFailedException(string message, Exception inner)
        : base(message, inner)
    {
        FileName = string.Empty;
        Sources = [];
    }

    /// <summary>The remote file name asked for.</summary>
    public string FileName { get; }

    /// <summary>What each source did before the download gave up.</summary>
    public IReadOnlyList<SourceReport> Sources { get; }
}
