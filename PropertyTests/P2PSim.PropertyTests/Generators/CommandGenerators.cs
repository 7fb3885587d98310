using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// Random multi-user sessions over a small pool of users and files, so that collisions (already registered,
/// already published, same file name for two users…) are frequent. Shrinks by dropping commands.
/// </summary>
internal static class CommandGenerators
{
    public static readonly string[] Users = ["ana", "bob", "zoë"];
    public static readonly string[] Files = ["a.txt", "b.bin", "ñ.dat"];

    private static readonly Gen<string> Description = Gen.Frequency(
        (3, Gen.Elements("", "a file", "日本 語 text")), (1, TextGenerators.Description));

    private static readonly Gen<Operation> Operations = Gen.Frequency(
        (4, Gen.Constant(Operation.Register)),
        (1, Gen.Constant(Operation.Unregister)),
        (4, Gen.Constant(Operation.Connect)),
        (1, Gen.Constant(Operation.Disconnect)),
        (4, Gen.Constant(Operation.Publish)),
        (2, Gen.Constant(Operation.Delete)),
        (2, Gen.Constant(Operation.ListUsers)),
        (2, Gen.Constant(Operation.ListContent)));

    public static Gen<DirectoryCommand> Command { get; } =
        from operation in Operations
        from user in Gen.Elements(Users)
        from port in Gen.Choose(1, 65535)
        from file in Gen.Elements(Files)
        from description in Description
        from remote in Gen.Elements(Users)
        from stamped in Gen.Elements(false, true)
        select new DirectoryCommand(operation, user, port, file, description, remote, stamped);

    public static Gen<CommandSequence> Sequence { get; } =
        Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(Command, n)).Select(c => new CommandSequence(c));

    public static Arbitrary<CommandSequence> Arbitrary { get; } = Arb.From(Sequence, Shrink);

    /// <summary>Drops halves, quarters… then single commands: a failing session shrinks to the few steps that matter.</summary>
    public static IEnumerable<CommandSequence> Shrink(CommandSequence sequence)
    {
        var commands = sequence.Commands;
        for (var size = commands.Count / 2; size >= 1; size /= 2)
        {
            for (var start = 0; start + size <= commands.Count; start += size)
            {
                yield return new CommandSequence([.. commands.Take(start), .. commands.Skip(start + size)]);
            }
        }
    }
}
