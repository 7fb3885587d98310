using System.Buffers;
using System.Security.Cryptography;
using P2PSim.Protocol.Peer;

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>
/// Computes the part file's whole-file SHA-256 while the download runs: it follows the prefix of blocks already
/// verified and on disk, reading each back (from the page cache) as soon as the blocks before it are done. The
/// second hash pass a verified download needs thus overlaps the transfer on another core instead of following it.
/// </summary>
internal sealed class WholeFileHasher(BlockFile file, FileManifest manifest, BlockBoard board)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _next;

    /// <summary>Hashes blocks in order as they become done; ends when all are hashed, or on failure or cancellation.</summary>
    public async Task<byte[]?> RunAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(manifest.BlockSize, 1));
        try
        {
            while (_next < manifest.BlockCount)
            {
                // Taken before the check, so a block completed in between still wakes this loop.
                var change = board.WaitForChangeAsync();
                if (board.IsDone(_next))
                {
                    var block = buffer.AsSpan(0, manifest.LengthOf(_next));
                    file.Read(_next, block);
                    _hash.AppendData(block);
                    _next++;
                    continue;
                }

                if (board.Failure is not null)
                {
                    return null;
                }

                await board.WaitAsync(change, cancellationToken);
            }

            return _hash.GetHashAndReset();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _hash.Dispose();
        }
    }
}
