using System.Security.Cryptography;
using P2PSim.Protocol.Peer;

namespace P2PSim.Peer.Serving;

/// <summary>
/// Manifests of served files, computed once per file version and shared by every request for it. A version is the
/// file's (length, last write time): when either changes, the next request hashes the file again. The first request
/// for a version hashes it on its own thread (synchronously, so deterministic schedulers keep control); concurrent
/// requests for the same version wait for that single pass.
/// </summary>
internal sealed class ManifestCache(int capacity = 256)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The manifest of the file at <paramref name="path"/> as it is now.</summary>
    /// <exception cref="IOException">The file could not be read (or was cut short while hashed).</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public FileManifest Get(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException("No such file.", path);
        }

        var stamp = (info.Length, info.LastWriteTimeUtc.Ticks);
        Lazy<FileManifest> manifest;
        lock (_gate)
        {
            if (!_entries.TryGetValue(path, out var entry) || entry.Stamp != stamp || entry.Failed)
            {
                if (_entries.Count >= capacity && !_entries.ContainsKey(path))
                {
                    _entries.Remove(_entries.Keys.First());
                }

                entry = new Entry(stamp, new Lazy<FileManifest>(() => Compute(path), LazyThreadSafetyMode.ExecutionAndPublication));
                _entries[path] = entry;
            }

            manifest = entry.Manifest;
        }

        try
        {
            return manifest.Value;
        }
        catch
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(path, out var entry) && entry.Manifest == manifest)
                {
                    entry.Failed = true; // the next request tries again instead of replaying the error
                }
            }

            throw;
        }
    }

    /// <summary>One sequential pass: SHA-256 of each block and, incrementally, of the whole file.</summary>
    internal static FileManifest Compute(string path)
    {
        using var file = new FileStream(RegularFile.Open(path), FileAccess.Read, bufferSize: 0); // regular files only, as GET_FILE
        var size = file.Length;
        var blockSize = FileManifest.BlockSizeFor(size);
        var count = FileManifest.BlockCountFor(size, blockSize);
        if (count > FileManifest.MaxBlocks)
        {
            throw new IOException($"The file is too large for a manifest ({size} bytes).");
        }

        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var hashes = new byte[count][];
        var buffer = new byte[Math.Min(blockSize, Math.Max(size, 1))]; // a small file needs no whole-block buffer
        for (var i = 0; i < count; i++)
        {
            var length = (int)Math.Min(blockSize, size - ((long)i * blockSize));
            file.ReadExactly(buffer, 0, length); // a file cut short while hashed throws: the caller reports it
            hashes[i] = SHA256.HashData(buffer.AsSpan(0, length));
            whole.AppendData(buffer, 0, length);
        }

        return new FileManifest(size, blockSize, whole.GetHashAndReset(), hashes);
    }

    private sealed class Entry((long Length, long Ticks) stamp, Lazy<FileManifest> manifest)
    {
        public (long Length, long Ticks) Stamp { get; } = stamp;

        public Lazy<FileManifest> Manifest { get; } = manifest;

        public bool Failed { get; set; }
    }
}
