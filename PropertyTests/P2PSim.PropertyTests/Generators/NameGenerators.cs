using FsCheck;
using FsCheck.Fluent;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// Names for generated sessions: mostly short and familiar, sometimes unicode or within a few bytes of the
/// 256-byte limit, and sometimes ill-formed: empty, with a blank or control character, or past the limit, which
/// the server must reject with the operation's "other error" code; or with a NUL, newline or lone surrogate, which
/// the client must refuse to send.
/// </summary>
internal static class NameGenerators
{
    public static readonly string[] SimpleUsers = ["ana", "bob", "zoë"];
    public static readonly string[] SimpleFiles = ["a.txt", "b.bin", "ñ.dat"];

    /// <summary>What shrinking renames users and files to: the shortest names that keep them apart.</summary>
    public static readonly string[] ShrunkUsers = ["a", "b", "c", "d", "e", "f"];
    public static readonly string[] ShrunkFiles = ["x", "y", "z", "w", "v", "u"];

    public static Gen<string> IllFormed { get; } = Gen.OneOf(
        Gen.Constant(string.Empty),
        Gen.Elements("two words", "tab\there", "bell\u0007", "nbsp\u00a0x", " lead", "trail "),
        TextGenerators.Name.Select(n => n.Length > 1 ? n[..(n.Length / 2)] + " " + n[(n.Length / 2)..] : n + " "),
        TextGenerators.OverlongName,
        Gen.Elements("lone\ud800", "\udc00lone", "nul\0x", "line\nbreak"));

    public static Gen<string> User { get; } = Pooled(SimpleUsers);

    public static Gen<string> File { get; } = Pooled(SimpleFiles);

    private static Gen<string> Pooled(string[] simple) => Gen.Frequency(
        (12, Gen.Elements(simple)),
        (3, TextGenerators.Name),
        (1, IllFormed));
}
