using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using P2PSim.Protocol.Peer;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// The part file a download writes blocks into, beside the target (<c>target.p2psim-part</c>). Blocks land at their
/// offsets in any order. On open, whatever an earlier attempt left is checked block by block against the manifest:
/// only blocks whose SHA-256 matches count as done, so a torn or corrupt write is never trusted. The file replaces
/// the target only after its whole-file SHA-256 matches the manifest.
/// </summary>
internal sealed class BlockFile : IDisposable
{
    public const string Suffix = ".p2psim-part";

    private readonly FileManifest _manifest;
    private readonly SafeFileHandle _handle;
    private readonly IPartFileObserver? _observer;

    private BlockFile(string target, FileManifest manifest, SafeFileHandle handle, IPartFileObserver? observer)
    {
        Target = target;
        _manifest = manifest;
        _handle = handle;
        _observer = observer;
    }

    public string Target { get; }

    public string PartPath => Target + Suffix;

    /// <summary>
    /// Opens (or creates) the part file and returns the blocks already verified in it. <paramref name="observer"/>
    /// (tests only) sees every block write.
    /// </summary>
    public static (BlockFile File, List<int> Verified) Open(string target, FileManifest manifest, IPartFileObserver? observer = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(target));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var handle = File.OpenHandle(target + Suffix, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var file = new BlockFile(target, manifest, handle, observer);
            var verified = file.VerifyExisting();
            RandomAccess.SetLength(handle, manifest.Size);
            return (file, verified);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes a verified block at its offset. Safe to call from several workers at once (positional writes).
    /// Synchronous on purpose: on Unix the async variant is the same write on a pool thread, whose completion no
    /// deterministic scheduler (the simulation pump, Coyote) controls; a block into the page cache is short. This is
    /// the only write of block bytes to the part file (the handle is this class's alone), so an observer told here
    /// sees every one of them.
    /// </summary>
    public void Write(int block, ReadOnlySpan<byte> bytes)
    {
        var offset = _manifest.OffsetOf(block);
        _observer?.Writing(PartPath, offset, bytes);
        RandomAccess.Write(_handle, bytes, offset);
    }

    /// <summary>Reads a block back (for the whole-file hash).</summary>
    public void Read(int block, Span<byte> bytes)
    {
        var read = RandomAccess.Read(_handle, bytes, _manifest.OffsetOf(block));
        if (read != bytes.Length)
        {
            throw new IOException($"The part file {PartPath} is shorter than block {block}'s end.");
        }
    }

    /// <summary>
    /// Moves the part file over the target when <paramref name="wholeFileHash"/> (computed from it) matches the
    /// manifest. False (and the part file deleted) when it does not: the blocks verified but the whole does not, so
    /// the manifest itself was inconsistent.
    /// </summary>
    public bool Commit(ReadOnlySpan<byte> wholeFileHash)
    {
        // Stryker disable once Statement : on Unix an open file is moved or deleted all the same; the handle is left to the finaliser
        _handle.Dispose();
        if (!wholeFileHash.SequenceEqual(_manifest.FileHash))
        {
            File.Delete(PartPath);
            return false;
        }

        File.Move(PartPath, Target, overwrite: true);
        return true;
    }

    /// <summary>Removes the part file (a failed download that should not be resumed).</summary>
    public void Discard()
    {
        _handle.Dispose();
        File.Delete(PartPath);
    }

    public void Dispose() => _handle.Dispose();

    private List<int> VerifyExisting()
    {
        var verified = new List<int>();
        var existing = RandomAccess.GetLength(_handle);
        // Stryker disable once Block : with nothing on disk the loop below stops at its first block anyway
        if (existing == 0)
        {
            return verified; // a fresh download: no block buffer to allocate
        }

        // Stryker disable once Linq : a larger buffer than needed reads the same blocks
        var buffer = new byte[Math.Min(_manifest.BlockSize, existing)];
        for (var block = 0; block < _manifest.BlockCount; block++)
        {
            var length = _manifest.LengthOf(block);
            var offset = _manifest.OffsetOf(block);
            // Stryker disable once Arithmetic : without the early stop a block past the end reads short and fails the read == length check all the same
            if (offset + length > existing)
            {
                break;
            }

            var read = RandomAccess.Read(_handle, buffer.AsSpan(0, length), offset);
            if (read == length && SHA256.HashData(buffer.AsSpan(0, length)).AsSpan().SequenceEqual(_manifest.BlockHashes[block]))
            {
                verified.Add(block);
            }
        }

        return verified;
    }
}
