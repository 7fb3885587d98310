using System.Buffers;
using System.Globalization;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol.Peer;

/// <summary>
/// The GET_MANIFEST reply after code 0: <c>size\0 blocksize\0 filehash\0 count\0</c> then one
/// <c>blockhash\0</c> per block, digests in lower-case hex (docs/extensions.md §2).
/// </summary>
public static class ManifestCodec
{
    /// <summary>Writes the manifest (without the result code).</summary>
    public static void Encode(FileManifest manifest, IBufferWriter<byte> output)
    {
        FieldWriter.Write(output, manifest.Size);
        FieldWriter.Write(output, manifest.BlockSize);
        FieldWriter.Write(output, manifest.Version);
        FieldWriter.Write(output, manifest.BlockCount);
        foreach (var hash in manifest.BlockHashes)
        {
            FieldWriter.Write(output, Convert.ToHexStringLower(hash));
        }
    }

    /// <summary>
    /// Tries to decode a manifest from the start of <paramref name="reader"/>; false when more bytes are needed.
    /// Throws <see cref="ProtocolException"/> when the fields are malformed or inconsistent (a block count that does
    /// not match size and block size, a block size out of bounds), so a hostile peer cannot make a client allocate
    /// more than <see cref="FileManifest.MaxBlocks"/> digests.
    /// </summary>
    public static bool TryDecode(ref SequenceReader<byte> reader, out FileManifest? manifest)
    {
        manifest = null;
        var probe = reader;
        if (!FieldReader.TryReadField(ref probe, 20, "size", null, out var sizeText) ||
            !FieldReader.TryReadField(ref probe, 20, "block size", null, out var blockSizeText) ||
            !FieldReader.TryReadField(ref probe, PeerRequestCodec.VersionLength, "file hash", null, out var fileHash) ||
            !FieldReader.TryReadField(ref probe, 20, "block count", null, out var countText))
        {
            return false;
        }

        var fileDigest = ParseDigest(fileHash, "file hash");
        var size = ParseNumber(sizeText, "size");
        var blockSize = ParseNumber(blockSizeText, "block size");
        var count = ParseNumber(countText, "block count");
        if (blockSize is < 1 or > FileManifest.MaxRangeLength)
        {
            throw new ProtocolException($"The manifest's block size {blockSize} is outside 1..{FileManifest.MaxRangeLength}.");
        }

        // Exact arithmetic: FileManifest.BlockCountFor's int result wraps for sizes past 2^31 blocks (and its
        // size + blockSize - 1 overflows near long.MaxValue), so a hostile size could match a small count modulo 2^32.
        var expected = (size / blockSize) + (size % blockSize == 0 ? 0 : 1);
        if (count > FileManifest.MaxBlocks || count != expected)
        {
            throw new ProtocolException($"The manifest announces {count} blocks for {size} bytes in blocks of {blockSize}.");
        }

        var hashes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            if (!FieldReader.TryReadField(ref probe, PeerRequestCodec.VersionLength, "block hash", null, out var hash))
            {
                return false;
            }

            hashes[i] = ParseDigest(hash, $"block {i}'s hash");
        }

        manifest = new FileManifest(size, (int)blockSize, fileDigest, hashes);
        reader = probe;
        return true;
    }

    private static long ParseNumber(string text, string fieldName)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiDigit) ||
            !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new ProtocolException($"The manifest's {fieldName} '{DirectoryRequestDecoder.Printable(text)}' is not a number.");
        }

        return value;
    }

    private static byte[] ParseDigest(string hex, string fieldName)
    {
        if (hex.Length != PeerRequestCodec.VersionLength || !hex.All(char.IsAsciiHexDigit))
        {
            throw new ProtocolException($"The manifest's {fieldName} is not a SHA-256 in hex.");
        }

        return Convert.FromHexString(hex);
    }
}
