using System.Buffers;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol.Peer;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// GET_MANIFEST replies (extensions §2.1). Consistent manifests: block sizes from 1 to <see cref="FileManifest.MaxRangeLength"/>,
/// 0 to a few dozen blocks (sometimes exactly <see cref="FileManifest.MaxBlocks"/>), a short or full last block.
/// Hostile headers: counts that do not match size and block size, counts of 2³¹, 2⁶³−1 or 20+ digits, block sizes
/// of 0 or past the bound, sizes near <see cref="long.MaxValue"/>, and sizes whose block count only matches modulo
/// 2³² — followed by a few digests, so a decoder that believed the header would start allocating.
/// </summary>
internal static class ManifestGenerators
{
    private static readonly Gen<byte[]> Digest = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 32);

    private static readonly Gen<int> BlockSize = Gen.Elements(
        1, 2, 3, 1000, 65_536, FileManifest.MinBlockSize, 1 << 20, FileManifest.MaxRangeLength - 1, FileManifest.MaxRangeLength);

    public static Gen<FileManifest> Consistent { get; } =
        from blockSize in BlockSize
        from count in Gen.Frequency((30, Gen.Choose(0, 40)), (1, Gen.Constant(blockSize == 1 ? FileManifest.MaxBlocks : 1)))
        from last in Gen.Frequency((1, Gen.Constant(blockSize)), (2, Gen.Choose(1, blockSize)))
        from fileHash in Digest
        from first in Digest
        let size = count == 0 ? 0L : ((long)(count - 1) * blockSize) + last
        select new FileManifest(size, blockSize, fileHash, [.. Enumerable.Range(0, count).Select(i => Rotate(first, i))]);

    public static Arbitrary<FileManifest> Arbitrary { get; } = Arb.From(Consistent);

    public static Arbitrary<SegmentedBytes> Segmented { get; } = Arb.From(
        from manifest in Consistent.Where(m => m.BlockCount < 1000)
        let bytes = Encode(manifest)
        from cuts in Gen.ArrayOf(Gen.Choose(0, bytes.Length))
        select new SegmentedBytes(bytes, cuts));

    /// <summary>A manifest header the decoder must refuse, then up to 8 well-formed digests.</summary>
    public static Arbitrary<byte[]> Hostile { get; } = Arb.From(
        from header in Gen.OneOf(WrongCount, HugeCount, BadBlockSize, HugeSize, CountModulo32Bits)
        from digests in Gen.Choose(0, 8)
        from fileHash in Digest
        select (byte[])[
            .. Fields(header.Size, header.BlockSize, Convert.ToHexStringLower(fileHash), header.Count),
            .. Enumerable.Range(0, digests).SelectMany(i => Fields(Convert.ToHexStringLower(Rotate(fileHash, i))))]);

    private static Gen<(string Size, string BlockSize, string Count)> WrongCount =>
        from blockSize in BlockSize
        from count in Gen.Choose(0, 40)
        from delta in Gen.Elements(-2, -1, 1, 2, 1000)
        let size = count * (long)blockSize
        where count + delta >= 0
        select (Text(size), Text(blockSize), Text(count + delta));

    private static Gen<(string Size, string BlockSize, string Count)> HugeCount =>
        from count in Gen.Elements("65537", "2147483647", "2147483648", "4294967296", "9223372036854775807", "18446744073709551615", "99999999999999999999")
        from blockSize in BlockSize
        select ((long.Parse(count.Length > 18 ? "922337203685477580" : count, CultureInfo.InvariantCulture) * blockSize).ToString(CultureInfo.InvariantCulture), Text(blockSize), count);

    private static Gen<(string Size, string BlockSize, string Count)> BadBlockSize =>
        Gen.Elements(
            ("0", "0", "0"), ("10", "0", "1"), ("16777217", "16777217", "1"), ("4294967296", "4294967296", "1"),
            ("1", "99999999999999999999", "1"), ("1", "-1", "1"), ("1", "", "1"));

    private static Gen<(string Size, string BlockSize, string Count)> HugeSize =>
        from size in Gen.Elements(long.MaxValue, long.MaxValue - 1, long.MaxValue - FileManifest.MaxRangeLength + 2, 1L << 62)
        from blockSize in BlockSize
        from count in Gen.Elements(0L, 1L, 65_536L, (size / blockSize) + 1)
        select (Text(size), Text(blockSize), Text(count));

    /// <summary>size = blockSize·(2³²·k + n): ceil(size / blockSize) is 2³²·k + n, whose low 32 bits are the small count n.</summary>
    private static Gen<(string Size, string BlockSize, string Count)> CountModulo32Bits =>
        from blockSize in Gen.Elements(1, 2, 1000, FileManifest.MinBlockSize)
        from k in Gen.Choose(1, 3)
        from n in Gen.Choose(0, 5)
        select (Text(blockSize * (((long)k << 32) + n)), Text(blockSize), Text(n));

    public static byte[] Encode(FileManifest manifest)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        ManifestCodec.Encode(manifest, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Rotate(byte[] digest, int by) => [.. digest.Skip(by % 32), .. digest.Take(by % 32)];

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] Fields(params string[] fields) => Encoding.ASCII.GetBytes(string.Concat(fields.Select(f => f + "\0")));
}
