using System.Text;
using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// Hostile input: random bytes, and valid requests that are truncated, corrupted or spliced with the bytes that
/// matter to the decoder (NUL, newline, blank, broken UTF-8, digits, 0xFF).
/// </summary>
internal static class ByteGenerators
{
    private static readonly byte[] Interesting = [0x00, (byte)'\n', (byte)' ', (byte)'/', (byte)':', (byte)'0', (byte)'9', 0xC3, 0xE2, 0xF0, 0x80, 0xFF, (byte)'A'];

    private static readonly Gen<byte> AnyByte = Gen.Choose(0, 255).Select(b => (byte)b);

    private static readonly Gen<byte> InterestingByte = Gen.Frequency((1, AnyByte), (2, Gen.Elements(Interesting)));

    private static readonly Gen<byte[]> Valid = RequestGenerators.Request.Select(DirectoryRequestEncoder.ToArray);

    private static readonly Gen<byte[]> Random = Gen.Frequency(
        (1, Gen.ArrayOf(AnyByte)),
        (1, Gen.Zip(Gen.Elements(Enum.GetValues<Operation>()), Gen.ArrayOf(InterestingByte))
            .Select(t => (byte[])[.. Encoding.UTF8.GetBytes(t.Item1.WireName() + "\0"), .. t.Item2])));

    private static readonly Gen<byte[]> Corrupted =
        from bytes in Valid
        from edits in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, Math.Max(0, bytes.Length - 1)), InterestingByte), 3)
        select Edit(bytes, edits);

    private static readonly Gen<byte[]> Truncated =
        from bytes in Valid
        from length in Gen.Choose(0, bytes.Length)
        select bytes[..length];

    private static readonly Gen<byte[]> Spliced =
        from a in Valid
        from b in Valid
        from cut in Gen.Choose(0, a.Length)
        select (byte[])[.. a[..cut], .. b];

    public static Arbitrary<byte[]> Hostile { get; } =
        Arb.From(Gen.OneOf(Random, Corrupted, Truncated, Spliced), Shrink);

    private static byte[] Edit(byte[] bytes, (int Index, byte Value)[] edits)
    {
        var copy = (byte[])bytes.Clone();
        foreach (var (index, value) in edits)
        {
            if (index < copy.Length)
            {
                copy[index] = value;
            }
        }

        return copy;
    }

    private static IEnumerable<byte[]> Shrink(byte[] bytes)
    {
        for (var size = bytes.Length / 2; size >= 1; size /= 2)
        {
            for (var start = 0; start + size <= bytes.Length; start += size)
            {
                yield return [.. bytes[..start], .. bytes[(start + size)..]];
            }
        }
    }
}
