using System.Buffers;
using System.Numerics;

namespace P2PSim.Peer.Serving;

/// <summary>
/// The bytes of GET_RANGE replies a file server may hold in buffers at once, over all its connections. Ranges are
/// streamed through chunks rented here; a chunk past the budget waits for another to be sent. Without it, clients
/// that pipeline ranges and never read would each pin a whole range (up to 16 MiB) in memory.
/// </summary>
internal sealed class RangeBudget
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _chunks; // SemaphoreSlim, not a timer or a spin: systematic tests control it
    private long _held;
    private long _peak;

    /// <param name="maxBytes">The budget; at least one chunk is always allowed.</param>
    /// <param name="chunkBytes">The bytes a chunk carries (the server's buffer size).</param>
    public RangeBudget(long maxBytes, int chunkBytes)
    {
        ChunkBytes = chunkBytes;

        // The pool hands out arrays rounded up to a power of two, so that is what a chunk really holds.
        var held = (long)BitOperations.RoundUpToPowerOf2((uint)chunkBytes);
        _chunks = new SemaphoreSlim((int)Math.Clamp(maxBytes / held, 1, int.MaxValue));
    }

    /// <summary>The bytes a chunk carries: use only this many of a rented buffer.</summary>
    public int ChunkBytes { get; }

    /// <summary>Bytes held in rented chunks now.</summary>
    public long Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>The most bytes held at once since the server started.</summary>
    public long Peak
    {
        get
        {
            lock (_gate)
            {
                return _peak;
            }
        }
    }

    /// <summary>Waits for room in the budget, then rents a chunk; hand it back with <see cref="Return"/>.</summary>
    public async Task<byte[]> RentAsync(CancellationToken cancellationToken)
    {
        await _chunks.WaitAsync(cancellationToken);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        lock (_gate)
        {
            _held += chunk.Length;
            _peak = Math.Max(_peak, _held);
        }

        return chunk;
    }

    public void Return(byte[] chunk)
    {
        lock (_gate)
        {
            _held -= chunk.Length;
        }

        ArrayPool<byte>.Shared.Return(chunk);
        _chunks.Release();
    }
}
