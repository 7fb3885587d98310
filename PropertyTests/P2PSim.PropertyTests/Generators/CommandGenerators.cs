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
        (1, Gen.Constant(Operation.Disconnect)),
        (4, Gen.Constant(Operation.Publish)),
        (2, Gen.Constant(Operation.Delete)),
        (2, Gen.Constant(Operation.ListUsers)),
        (2, Gen.Constant(Operation.ListContent)));

    /// <summary>Three user names and three file names for one session.</summary>
    public static Gen<(string[] Users, string[] Files)> Pools { get; } =
        Gen.Zip(Gen.ArrayOf(NameGenerators.User, 3), Gen.ArrayOf(NameGenerators.File, 3));

    public static Gen<CommandSequence> Sequence { get; } =
        from pools in Pools
        from n in Gen.Choose(1, 40)
        from commands in Gen.ArrayOf(Command(pools.Users, pools.Files, Operations), n)
        from encoding in Gen.Frequency(
            (4, Gen.Constant(ResultEncoding.Ascii)), (1, Gen.Constant(ResultEncoding.Byte)), (1, Gen.Constant(ResultEncoding.Char)))
        select new CommandSequence(commands, encoding);

    public static Arbitrary<CommandSequence> Arbitrary { get; } = Arb.From(Sequence, CommandShrinker.Shrink);

    /// <summary>One command over the given pools.</summary>
    public static Gen<DirectoryCommand> Command(string[] users, string[] files, Gen<Operation> operations) =>
        from operation in operations
        from user in Gen.Elements(users)
        from port in Port
        from file in Gen.Elements(files)
        from description in Description
        from remote in Gen.Elements(users)
        from stamped in Gen.Elements(false, true)
        select new DirectoryCommand(operation, user, port, file, description, remote, stamped);
}
