namespace P2PSim.Peer.Downloads;

/// <summary>
/// A download in progress: a hidden temporary file beside the target, renamed over it only by
/// <see cref="CommitAsync"/>. Disposing an uncommitted file deletes it, so a download that does not complete —
/// failure, timeout or cancellation — leaves no file behind (spec §3) and never damages an existing target.
/// </summary>
internal sealed class PartialFile : IAsyncDisposable
{
    private static long s_counter;

    private readonly string _targetPath;
    private readonly FileStream _stream;
    private readonly string _tempPath;
    private bool _committed;

    private PartialFile(string targetPath, FileStream stream)
    {
        _targetPath = targetPath;
        _stream = stream;
        _tempPath = stream.Name;
    }

    /// <summary>The temporary file's path (for tests and logs).</summary>
    public string TempPath => _tempPath;

    /// <summary>Bytes written so far.</summary>
    public long Length => _stream.Length;

    /// <summary>Creates the temporary file in the target's folder (so the final rename never crosses volumes).</summary>
    public static PartialFile Create(string targetPath)
    {
        var target = Path.GetFullPath(targetPath);
        if (Directory.Exists(target))
        {
            throw new IOException($"'{target}' is a folder; give a file name to download into.");
        }

        return new PartialFile(target, CreateTemp(target));
    }

    /// <remarks>
    /// Synchronous on purpose, like every write here: on Unix FileStream's async methods are the same write run on
    /// a thread-pool thread, whose completion no deterministic scheduler (the simulation pump, Coyote) controls.
    /// One buffer to a local file is short.
    /// </remarks>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        // Stryker disable once Statement : a cancellation missed here is seen by the next read (its token is linked) or by CommitAsync's check, with the same outcome
        cancellationToken.ThrowIfCancellationRequested();
        _stream.Write(bytes.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Cuts what was written to <paramref name="length"/> bytes: used to drop the one NUL some classic peers send
    /// after the content of a size-prefixed reply, once the close has shown it was the last byte.
    /// </summary>
    public Task TruncateAsync(long length, CancellationToken cancellationToken)
    {
        // Stryker disable once Statement : CommitAsync, which always follows, checks the token again with no wait in between
        cancellationToken.ThrowIfCancellationRequested();
        _stream.SetLength(length);
        return Task.CompletedTask;
    }

    /// <summary>Flushes, closes and renames the temporary file over the target.</summary>
    public Task CommitAsync(CancellationToken cancellationToken)
    {
        // Stryker disable once Statement : every write just before this one checked the token; a cancel can only land in the instructions between
        cancellationToken.ThrowIfCancellationRequested();
        // Stryker disable once Statement : the stream has no buffer (bufferSize 0), so there is nothing to flush
        _stream.Flush();
        // Stryker disable once Statement : on Unix an open file is renamed all the same, and DisposeAsync closes it
        _stream.Dispose();
        File.Move(_tempPath, _targetPath, overwrite: true);
        // Stryker disable once Boolean : uncommitted, DisposeAsync deletes the temporary path, which the move has already emptied (deleting a missing file is no error)
        _committed = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        // Stryker disable once Statement : on Unix an open file is deleted all the same; the handle is left to the finaliser
        _stream.Dispose();
        if (!_committed)
        {
            TryDelete(_tempPath);
        }

        return ValueTask.CompletedTask;
    }

    private static FileStream CreateTemp(string target)
    {
        // Stryker disable once String : the target is a full path, so it always has a folder and "." is never used
        var folder = Path.GetDirectoryName(target) ?? ".";
        var name = Path.GetFileName(target);
        // Stryker disable once Equality : a name of exactly 100 characters is the same cut to 100
        name = name.Length > 100 ? name[..100] : name; // stay well inside the 255-byte name limit
        for (var attempt = 0; ; attempt++)
        {
            // Process id + counter rather than a random name: unique without a random source (Coyote-friendly).
            var path = Path.Join(folder, $".{name}.{Environment.ProcessId}.{Interlocked.Increment(ref s_counter)}.part");
            try
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.None);
            }
            catch (IOException) when (attempt < 16 && File.Exists(path))
            {
                // Left over by an earlier process with the same id: try the next name.
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the file is hidden and named .part; nothing more can be done here.
        }
    }
}
