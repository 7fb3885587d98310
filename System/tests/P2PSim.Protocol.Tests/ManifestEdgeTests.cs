using System.Buffers;
using P2PSim.Protocol.Peer;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// The bounds of a manifest (docs/extensions.md §2.1) taken exactly: a block size of 1 byte and of 16 MiB, a count of
/// exactly 65,536 and a size that is an exact multiple of the block size are all accepted; a block digest that is 64
/// characters but not hex is a ProtocolException, not a crash. Also the block arithmetic peers share.
/// </summary>
public sealed class ManifestEdgeTests
{
    private static readonly string Digest = new('a', 64);

    [Theory]
    [InlineData(1L, 1, 1)]
    [InlineData(2L, 1, 2)] // an exact multiple: no short last block
    [InlineData(16L * 1024 * 1024, 16 * 1024 * 1024, 1)]
    [InlineData(32L * 1024 * 1024, 16 * 1024 * 1024, 2)]
    public void Block_sizes_and_counts_at_their_bounds_are_accepted(long size, int blockSize, int count)
    {
        var manifest = Decode(Manifest(size, blockSize, count));
        Assert.Equal((size, blockSize, count), (manifest.Size, manifest.BlockSize, manifest.BlockCount));
    }

    [Fact]
    public void Exactly_65536_blocks_are_accepted()
    {
        var manifest = Decode(Manifest(FileManifest.MaxBlocks, 1, FileManifest.MaxBlocks));
        Assert.Equal(FileManifest.MaxBlocks, manifest.BlockCount);
    }

    [Theory]
    [InlineData(2L, 1, 3)] // one block too many for an exact multiple
    [InlineData(2L, 1, 1)]
    [InlineData(3L, 2, 1)] // the short last block is missing
    public void A_count_that_does_not_match_size_and_block_size_is_refused(long size, int blockSize, int count) =>
        Assert.Throws<ProtocolException>(() => Decode(Manifest(size, blockSize, count)));

    [Theory]
    [InlineData(0)]
    [InlineData((16 * 1024 * 1024) + 1)]
    public void A_block_size_out_of_bounds_is_refused(int blockSize) =>
        Assert.Throws<ProtocolException>(() => Decode(Manifest(1, blockSize, 1)));

    [Fact]
    public void Digests_that_are_not_hex_are_refused()
    {
        var notHex = new string('g', 64);
        var oneBadChar = new string('a', 63) + "z";
        Assert.Throws<ProtocolException>(() => Decode(Bytes.Fields("1", "1", notHex, "1", Digest)));
        Assert.Throws<ProtocolException>(() => Decode(Bytes.Fields("1", "1", Digest, "1", oneBadChar)));
    }

    [Theory]
    [InlineData(0L, 256 * 1024)]
    [InlineData(1L << 30, 256 * 1024)] // docs: a 1 GiB file has 4,096 blocks of 256 KiB
    [InlineData((256L * 1024 * 65_536) + 1, 512 * 1024)] // one byte over 65,536 blocks doubles the block size
    [InlineData(long.MaxValue / 2, 16 * 1024 * 1024)] // never past the largest range
    public void Block_size_for_a_file(long size, int expected) => Assert.Equal(expected, FileManifest.BlockSizeFor(size));

    [Theory]
    [InlineData(0L, 4, 0)]
    [InlineData(1L, 4, 1)]
    [InlineData(4L, 4, 1)]
    [InlineData(5L, 4, 2)]
    [InlineData(8L, 4, 2)]
    public void Block_count_is_the_size_divided_by_the_block_size_rounded_up(long size, int blockSize, int expected) =>
        Assert.Equal(expected, FileManifest.BlockCountFor(size, blockSize));

    [Fact]
    public void Manifests_with_the_same_content_compare_equal_and_any_difference_shows()
    {
        var manifest = new FileManifest(5, 4, [1], [[2], [3]]);
        Assert.True(manifest.SameContentAs(new FileManifest(5, 4, [1], [[2], [3]])));
        Assert.False(manifest.SameContentAs(new FileManifest(6, 4, [1], [[2], [3]])));
        Assert.False(manifest.SameContentAs(new FileManifest(5, 8, [1], [[2], [3]])));
        Assert.False(manifest.SameContentAs(new FileManifest(5, 4, [9], [[2], [3]])));
        Assert.False(manifest.SameContentAs(new FileManifest(5, 4, [1], [[2]])));
        Assert.False(manifest.SameContentAs(new FileManifest(5, 4, [1], [[2], [9]])));
        Assert.False(manifest.SameContentAs(new FileManifest(5, 4, [1], [[9], [3]])));
    }

    private static byte[] Manifest(long size, int blockSize, int count) =>
        Bytes.Fields([size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            blockSize.ToString(System.Globalization.CultureInfo.InvariantCulture), Digest,
            count.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Enumerable.Repeat(Digest, count)]);

    private static FileManifest Decode(byte[] bytes)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        Assert.True(ManifestCodec.TryDecode(ref reader, out var manifest));
        Assert.Equal(bytes.Length, reader.Consumed);
        return manifest!;
    }
}
