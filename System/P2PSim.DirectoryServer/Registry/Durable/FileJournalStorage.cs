using System.Globalization;

namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// Journal generations and the snapshot as files of one directory: <c>journal-{N:D8}.log</c> and
/// <c>snapshot.bin</c> (written as <c>snapshot.bin.tmp</c>, then renamed). The directory is created if missing.
/// </summary>
public sealed class FileJournalStorage : IJournalStorage
{
    private const string JournalPrefix = "journal-";
    private const string JournalSuffix = ".log";
    private const string SnapshotName = "snapshot.bin";
    private const string SnapshotTemporaryName = "snapshot.bin.tmp";

    /// <summary>Storage in <paramref name="directory"/>.</summary>
    public FileJournalStorage(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Location = Path.GetFullPath(directory);
        Directory.CreateDirectory(Location);
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <summary>The path of generation <paramref name="generation"/>'s journal.</summary>
    public string JournalPath(long generation) =>
        Path.Combine(Location, JournalPrefix + generation.ToString("D8", CultureInfo.InvariantCulture) + JournalSuffix);

    /// <inheritdoc/>
    public IJournalFile OpenJournal(long generation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        var path = JournalPath(generation);
        var created = !File.Exists(path);

        // Unbuffered: every write goes to the OS at once, and Flush(true) then fsyncs it.
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        if (created)
        {
            // A new file's name is in the directory, which its own fsync does not cover.
            DirectorySync.Flush(Location);
        }

        return new FileJournalFile(stream);
    }

    /// <inheritdoc/>
    public IReadOnlyList<long> ListJournals()
    {
        var generations = new List<long>();
        foreach (var path in Directory.EnumerateFiles(Location, JournalPrefix + "*" + JournalSuffix))
        {
            var name = Path.GetFileName(path);
            var digits = name[JournalPrefix.Length..^JournalSuffix.Length];
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) &&
                JournalPath(generation) == path)
            {
                generations.Add(generation);
            }
        }

        generations.Sort();
        return generations;
    }

    /// <inheritdoc/>
    public byte[] ReadJournal(long generation) => File.ReadAllBytes(JournalPath(generation));

    /// <inheritdoc/>
    public void TruncateJournal(long generation, long length)
    {
        using var stream = new FileStream(JournalPath(generation), FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc/>
    public void DeleteJournal(long generation)
    {
        File.Delete(JournalPath(generation));
        DirectorySync.Flush(Location);
    }

    /// <inheritdoc/>
    public byte[]? ReadSnapshot()
    {
        var path = Path.Combine(Location, SnapshotName);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <inheritdoc/>
    public void WriteSnapshot(ReadOnlySpan<byte> contents)
    {
        var temporary = Path.Combine(Location, SnapshotTemporaryName);
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path.Combine(Location, SnapshotName), overwrite: true);
        DirectorySync.Flush(Location);
    }

    private sealed class FileJournalFile(FileStream stream) : IJournalFile
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes)
        {
            // Synchronous on purpose: FileStream's async path would not fsync, and the flusher is a background task.
            stream.Write(bytes.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask FlushToDiskAsync()
        {
            stream.Flush(flushToDisk: true);
            return ValueTask.CompletedTask;
        }

        public void Dispose() => stream.Dispose();
    }
}
