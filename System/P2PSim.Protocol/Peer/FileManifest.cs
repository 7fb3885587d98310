namespace P2PSim.Protocol.Peer;

/// <summary>
/// What a multi-source download needs to know of a file before fetching it: its size, how it is cut into blocks, the
/// SHA-256 of every block and of the whole file. The whole-file digest also names the file's version.
/// </summary>
public sealed record FileManifest(long Size, int BlockSize, byte[] FileHash, IReadOnlyList<byte[]> BlockHashes)
{
    /// <summary>The smallest block size: small enough for several blocks in flight, large enough to amortise a request.</summary>
    public const int MinBlockSize = 256 * 1024;

    /// <summary>The most blocks a manifest describes: bounds the manifest to about 4 MiB on the wire.</summary>
    public const int MaxBlocks = 65_536;

    /// <summary>The largest range a GET_RANGE may ask for; also the largest block size.</summary>
    public const int MaxRangeLength = 16 * 1024 * 1024;

    /// <summary>The file's version on the wire: its whole-file SHA-256 in lower-case hex.</summary>
    public string Version => Convert.ToHexStringLower(FileHash);

    /// <summary>Number of blocks: the last one may be short; an empty file has none.</summary>
    public int BlockCount => BlockHashes.Count;

    /// <summary>The block size P2PSim uses for a file of <paramref name="size"/> bytes: a power of two, at least
    /// <see cref="MinBlockSize"/>, with at most <see cref="MaxBlocks"/> blocks.</summary>
    public static int BlockSizeFor(long size)
    {
        var blockSize = MinBlockSize;
        while ((long)blockSize * MaxBlocks < size && blockSize < MaxRangeLength)
        {
            blockSize *= 2;
        }

        return blockSize;
    }

    /// <summary>The number of blocks of <paramref name="size"/> bytes cut in <paramref name="blockSize"/>.</summary>
    public static int BlockCountFor(long size, int blockSize) => (int)((size + blockSize - 1) / blockSize);

    /// <summary>Where block <paramref name="index"/> starts.</summary>
    public long OffsetOf(int index) => (long)index * BlockSize;

    /// <summary>The length of block <paramref name="index"/>: <see cref="BlockSize"/>, or less for the last one.</summary>
    public int LengthOf(int index) => (int)Math.Min(BlockSize, Size - OffsetOf(index));

    /// <summary>True when both describe the same bytes (records compare arrays by reference).</summary>
    public bool SameContentAs(FileManifest other) =>
        Size == other.Size && BlockSize == other.BlockSize && FileHash.AsSpan().SequenceEqual(other.FileHash) &&
        BlockHashes.Count == other.BlockHashes.Count &&
        BlockHashes.Zip(other.BlockHashes).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));
}
