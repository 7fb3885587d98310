using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// Random multi-user sessions. Each session draws a small pool of three user and three file names (mostly simple,
/// sometimes at the limits or ill-formed) so that collisions (already registered, already published, same file
/// name for two users…) are frequent. Shrinking: see <see cref="CommandShrinker"/>.
/// </summary>
internal static class CommandGenerators
{
    private static readonly Gen<string> Description = Gen.Frequency(
        (6, Gen.Elements("", "a file", "日本 語 text", " ", "\t", "cr\r bell\u0007 del\u007f")), (2, TextGenerators.Description),
        (1, TextGenerators.OverlongDescription));

    private static readonly Gen<int> Port = Gen.Frequency((12, TextGenerators.Port), (1, Gen.Elements(0, -1, 65536)));

    public static Gen<Operation> Operations { get; } = Gen.Frequency(
        (4, Gen.Constant(Operation.Register)),
        (1, Gen.Constant(Operation.Unregister)),
        (4, Gen.Constant(Operation.Connect)),
        (2, Gen.Constant(Operation.Disconnect)),
        (4, Gen.Constant(Operation.Publish)),
        (2, Gen.Constant(Operation.Delete)),
        (2, Gen.Constant(Operation.ListUsers)),
        (2, Gen.Constant(Operation.ListContent)),
        (3, Gen.Constant(Operation.FindSources)),
        (2, Gen.Constant(Operation.Search)));

    /// <summary>SEARCH's result count: mostly small (so the cut to min(max, 100) matters), sometimes huge or invalid.</summary>
    private static readonly Gen<int> MaxResults = Gen.Frequency(
        (6, Gen.Choose(1, 3)), (2, Gen.Elements(100, 101, int.MaxValue)), (1, Gen.Choose(4, 1000)), (1, Gen.Elements(0, -1, int.MinValue)));

    /// <summary>
    /// SEARCH text that the client sends: mostly a piece of a pool file name or of a common description, in either
    /// case, so searches hit; sometimes any text of 1..256 bytes with blanks.
    /// </summary>
    public static Gen<string> SendableSearchText(string[] files) => Gen.Frequency(
        (4, from file in Gen.Elements(files)
            from start in Gen.Choose(0, Math.Max(0, file.Length - 1))
            from length in Gen.Choose(1, Math.Max(1, file.Length - start))
            from upper in Gen.Elements(false, true)
            let piece = file.Substring(start, Math.Min(length, file.Length - start))
            where piece.Length > 0 && !char.IsLowSurrogate(piece[0]) && !char.IsHighSurrogate(piece[^1])
            select upper ? piece.ToUpperInvariant() : piece),
        (3, Gen.Elements("a", "A", "FILE", "a file", "日本 語", "TEXT", ".", "x", " ", "\t", "ß", "Ñ", "zoë", "é")),
        (1, TextGenerators.SearchText));

    /// <summary>
    /// SEARCH text as a session draws it: sendable text, and sometimes ill-formed (empty or past the limit: code 3) or
    /// unsendable (NUL, newline, lone surrogate: the client refuses it).
    /// </summary>
    public static Gen<string> SearchText(string[] files) => Gen.Frequency(
        (12, SendableSearchText(files)),
        (1, Gen.OneOf(Gen.Constant(string.Empty), TextGenerators.OverlongDescription, Gen.Elements("nul\0x", "line\nbreak", "lone\ud800"))));

    /// <summary>Three user names and three file names for one session.</summary>
    public static Gen<(string[] Users, string[] Files)> Pools { get; } =
        Gen.Zip(Gen.ArrayOf(NameGenerators.User, 3), Gen.ArrayOf(NameGenerators.File, 3));

    public static Gen<CommandSequence> Sequence { get; } =
        from pools in Pools
        from n in Gen.Choose(1, 40)
        from commands in Gen.ArrayOf(Command(pools.Users, pools.Files, Operations, SearchText(pools.Files)), n)
        from encoding in Gen.Frequency(
            (4, Gen.Constant(ResultEncoding.Ascii)), (1, Gen.Constant(ResultEncoding.Byte)), (1, Gen.Constant(ResultEncoding.Char)))
        select new CommandSequence(commands, encoding);

    public static Arbitrary<CommandSequence> Arbitrary { get; } = Arb.From(Sequence, CommandShrinker.Shrink);

    /// <summary>One command over the given pools.</summary>
    public static Gen<DirectoryCommand> Command(string[] users, string[] files, Gen<Operation> operations, Gen<string> searchTexts) =>
        from operation in operations
        from user in Gen.Elements(users)
        from port in Port
        from file in Gen.Elements(files)
        from description in Description
        from remote in Gen.Elements(users)
        from stamped in Gen.Elements(false, true)
        from text in searchTexts
        from max in MaxResults
        select new DirectoryCommand(operation, user, port, file, description, remote, stamped, text, max);
}
