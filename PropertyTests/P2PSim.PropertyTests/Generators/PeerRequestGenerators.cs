using System.Buffers;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol.Peer;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// Peer requests (spec §3, extensions §2): GET_FILE, GET_MANIFEST and GET_RANGE with names of 0..256 bytes (the codec
/// leaves naming policy to the file server), versions in hex or any text up to 64 bytes, offsets and lengths at and
/// around their bounds (0, 1, <see cref="FileManifest.MaxRangeLength"/>, <see cref="long.MaxValue"/>); pipelines of
/// several requests; and ranges whose numbers the decoder must refuse.
/// </summary>
internal static class PeerRequestGenerators
{
    private static readonly Gen<string> Name = TextGenerators.Description;

    public static Gen<string> HexVersion { get; } =
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 32).Select(Convert.ToHexStringLower);

    private static readonly Gen<string> Version = Gen.Frequency(
        (4, HexVersion), (1, HexVersion.Select(v => v.ToUpperInvariant())), (1, TextGenerators.ShortName), (1, Gen.Constant(string.Empty)));

    public static Gen<long> Offset { get; } = Gen.Frequency(
        (2, Gen.Elements(0L, 1L, FileManifest.MinBlockSize, FileManifest.MaxRangeLength, FileManifest.MaxRangeLength + 1L,
            int.MaxValue, 1L << 32, long.MaxValue - FileManifest.MaxRangeLength, long.MaxValue - 1, long.MaxValue)),
        (2, Gen.Choose(0, 1 << 20).Select(i => (long)i)),
        (1, Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, int.MaxValue)).Select(t => ((long)t.Item1 << 32) | (uint)t.Item2)));

    public static Gen<int> Length { get; } = Gen.Frequency(
        (2, Gen.Elements(1, 2, 255, FileManifest.MinBlockSize, FileManifest.MaxRangeLength - 1, FileManifest.MaxRangeLength)),
        (2, Gen.Choose(1, FileManifest.MaxRangeLength)));

    public static Gen<PeerRequest> Request { get; } = Gen.OneOf(
        Name.Select(n => (PeerRequest)new GetFileRequest(n)),
        Name.Select(n => (PeerRequest)new ManifestRequest(n)),
        from name in Name
        from version in Version
        from offset in Offset
        from length in Length
        select (PeerRequest)new RangeRequest(name, version, offset, length));

    public static Arbitrary<PeerRequest> Arbitrary { get; } = Arb.From(Request);

    /// <summary>1..6 extension requests written back to back (a pipelining client), cut at random offsets.</summary>
    public static Arbitrary<(PeerRequest[] Requests, SegmentedBytes Bytes)> Pipeline { get; } = Arb.From(
        from count in Gen.Choose(1, 6)
        from requests in Gen.ArrayOf(Request.Where(r => r is not GetFileRequest), count)
        let bytes = requests.SelectMany(Encode).ToArray()
        from cuts in Gen.ArrayOf(Gen.Choose(0, bytes.Length))
        select (requests, new SegmentedBytes(bytes, cuts)));

    /// <summary>
    /// GET_RANGE requests with a number the decoder must refuse: length 0 or past <see cref="FileManifest.MaxRangeLength"/>,
    /// an offset past <see cref="long.MaxValue"/>, 20+ digits, signs, blanks, empty.
    /// </summary>
    public static Arbitrary<byte[]> BadRange { get; } = Arb.From(
        from name in TextGenerators.ShortName
        from version in HexVersion
        from numbers in Gen.OneOf(
            Gen.Elements("0", "00", (FileManifest.MaxRangeLength + 1L).ToString(CultureInfo.InvariantCulture), "2147483648",
                    "9223372036854775807", "-1", "+1", " 1", "", "99999999999999999999")
                .Select(length => ("0", length)),
            Gen.Elements("9223372036854775808", "18446744073709551615", "99999999999999999999", "-1", "+0", "", "1 ", "0x1")
                .Select(offset => (offset, "1")),
            Gen.Choose(21, 64).Select(n => (new string('1', n), "1")),
            Gen.Choose(21, 64).Select(n => ("0", new string('0', n))))
        select (byte[])[.. "GET_RANGE\0"u8, .. Field(name), .. Field(version), .. Field(numbers.Item1), .. Field(numbers.Item2)]);

    public static byte[] Encode(PeerRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        PeerRequestCodec.Encode(request, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Field(string value) => [.. System.Text.Encoding.UTF8.GetBytes(value), 0];
}
