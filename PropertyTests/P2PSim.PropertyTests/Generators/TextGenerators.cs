using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// Field text for the classic protocol (spec §1): names without blanks, descriptions with them, both measured in
/// UTF-8 bytes and biased towards the 256-byte limit; timestamps in <c>DD/MM/YYYY HH:MM:SS</c>.
/// </summary>
internal static class TextGenerators
{
    public const int Limit = 256;

    // One to four UTF-8 bytes per piece; the last group are surrogate pairs (letters outside the BMP and an emoji).
    private static readonly string[] Ascii = ["a", "b", "z", "Q", "0", "7", ".", "_", "-", "~"];
    private static readonly string[] TwoBytes = ["é", "ñ", "ß", "ø", "Ω", "ж", "ك"];
    private static readonly string[] ThreeBytes = ["中", "文", "日", "本", "한", "ก", "€"];
    private static readonly string[] FourBytes = ["𝒜", "𝔘", "𠀀", "😀"];
    private static readonly string[] Blanks = [" ", " ", "\t"];

    private static readonly Gen<string> NamePiece = Gen.Frequency(
        (6, Gen.Elements(Ascii)), (2, Gen.Elements(TwoBytes)), (2, Gen.Elements(ThreeBytes)), (1, Gen.Elements(FourBytes)));

    private static readonly Gen<string> DescriptionPiece = Gen.Frequency((8, NamePiece), (2, Gen.Elements(Blanks)));

    /// <summary>A user or file name: 1..256 bytes, no blanks, often within a few bytes of the limit.</summary>
    public static Gen<string> Name { get; } = Sized(NamePiece, 1, Limit);

    /// <summary>A name 1..32 bytes long, for the many fields where size does not matter.</summary>
    public static Gen<string> ShortName { get; } = Gen.Choose(1, 32).SelectMany(n => Fit(NamePiece, n));

    /// <summary>A description: 0..256 bytes, blanks allowed.</summary>
    public static Gen<string> Description { get; } = Sized(DescriptionPiece, 0, Limit);

    /// <summary>SEARCH text: 1..256 bytes, blanks allowed (extensions §1).</summary>
    public static Gen<string> SearchText { get; } = Sized(DescriptionPiece, 1, Limit);

    /// <summary>A name of 257..300 bytes: one past the limit or more.</summary>
    public static Gen<string> OverlongName { get; } = Gen.Choose(Limit + 1, Limit + 44).SelectMany(n => Fit(NamePiece, n));

    /// <summary>A description of 257..300 bytes: past the limit, blanks allowed.</summary>
    public static Gen<string> OverlongDescription { get; } = Gen.Choose(Limit + 1, Limit + 44).SelectMany(n => Fit(DescriptionPiece, n));

    /// <summary>A part-2 timestamp, or null for a part-1 request.</summary>
    public static Gen<string?> Timestamp { get; } = Gen.Frequency(
        (1, Gen.Constant<string?>(null)),
        (1, Gen.Choose(0, 20 * 365 * 24 * 3600).Select(seconds =>
            (string?)new DateTime(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds)
                .ToString(Protocol.Timestamp.Format, CultureInfo.InvariantCulture))));

    /// <summary>A listen port, 1..65535, often at the edges.</summary>
    public static Gen<int> Port { get; } = Gen.Frequency(
        (1, Gen.Elements(1, 65535, 1024, 8080)), (3, Gen.Choose(1, 65535)));

    private static Gen<string> Sized(Gen<string> piece, int min, int max) =>
        Gen.Frequency(
            (3, Gen.Choose(min, Math.Min(max, 16))),
            (2, Gen.Choose(max - 6, max)),
            (1, Gen.Choose(min, max)))
        .SelectMany(bytes => Fit(piece, bytes));

    /// <summary>Exactly <paramref name="bytes"/> UTF-8 bytes: pieces while they fit, then ASCII to fill.</summary>
    private static Gen<string> Fit(Gen<string> piece, int bytes) =>
        Gen.ArrayOf(piece, bytes).Select(pieces =>
        {
            var text = new StringBuilder();
            var used = 0;
            foreach (var p in pieces)
            {
                var size = Encoding.UTF8.GetByteCount(p);
                if (used + size > bytes)
                {
                    break;
                }

                text.Append(p);
                used += size;
            }

            return text.Append('a', bytes - used).ToString();
        });
}
