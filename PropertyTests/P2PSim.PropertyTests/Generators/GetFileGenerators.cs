using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// GET_FILE (spec §3) requests and replies. The codec leaves naming policy to the file server, so request names
/// are any text of 0..256 bytes (blanks, unicode); replies are a result code in every encoding, then content.
/// </summary>
internal static class GetFileGenerators
{
    public static Arbitrary<GetFileRequest> Request { get; } =
        Arb.From(TextGenerators.Description.Select(name => new GetFileRequest(name)));

    public static Arbitrary<GetFileRequest> OverlongRequest { get; } =
        Arb.From(TextGenerators.OverlongDescription.Select(name => new GetFileRequest(name)));

    public static Arbitrary<SegmentedBytes> SegmentedRequest { get; } = Arb.From(
        from request in Request.Generator
        let bytes = Encode(request)
        from cuts in Gen.ArrayOf(Gen.Choose(0, bytes.Length))
        select new SegmentedBytes(bytes, cuts));

    /// <summary>A reply: result, encoding, and content (only after <see cref="GetFileResult.Ok"/>), often starting with digits or NUL.</summary>
    public static Arbitrary<(GetFileResult Result, ResultEncoding Encoding, byte[] Content)> Reply { get; } = Arb.From(
        from result in Gen.Elements(GetFileResult.Ok, GetFileResult.NotFound, GetFileResult.Error)
        from encoding in ReplyGenerators.Encoding
        from content in Gen.OneOf(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)),
            Gen.ArrayOf(Gen.Elements((byte)0, (byte)'0', (byte)'9', (byte)'\n', (byte)'-', (byte)'1')))
        select (result, encoding, result == GetFileResult.Ok ? content : []));

    public static byte[] Encode(GetFileRequest request)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        GetFileCodec.EncodeRequest(request, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
