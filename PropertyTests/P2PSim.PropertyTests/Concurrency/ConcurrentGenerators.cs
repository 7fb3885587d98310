using FsCheck;
using FsCheck.Fluent;
using P2PSim.PropertyTests.Generators;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Concurrency;

/// <summary>
/// Concurrent cases over two users and two files, so clients contend: a setup that registers, connects and
/// publishes for some users, then 2–4 clients with at most 12 requests between them. Shrinks by dropping
/// setup requests, client requests and whole clients, by moving a client's first request into the setup, then by
/// renaming, like sequential sessions.
/// </summary>
internal static class ConcurrentGenerators
{
    public const int MaxConcurrentOperations = 12;

    private static readonly string[] Users = ["ana", "bob"];
    private static readonly string[] Files = ["a.txt", "b.bin"];

    // Each user starts absent, registered, connected, or connected with a file, so that most batches have
    // connected users to contend over.
    private static readonly Gen<DirectoryCommand[]> UserSetup =
        from user in Gen.Elements(Users)
        from level in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Constant(1)), (4, Gen.Constant(2)), (2, Gen.Constant(3)))
        from port in Gen.Choose(1, 65535)
        from file in Gen.Elements(Files)
        select new[]
        {
            new DirectoryCommand(Operation.Register, user, port, file, "setup", user, false),
            new DirectoryCommand(Operation.Connect, user, port, file, "setup", user, false),
            new DirectoryCommand(Operation.Publish, user, port, file, "setup", user, false),
        }[..level];

    private static readonly Gen<DirectoryCommand> ClientCommand = CommandGenerators.Command(
        Users, Files, CommandGenerators.Operations, CommandGenerators.SendableSearchText(Files));

    public static Gen<ConcurrentCase> Case { get; } =
        from first in UserSetup
        from second in UserSetup
        let setup = (DirectoryCommand[])[.. first, .. second.Where(c => first.All(f => f.User != c.User))]
        from clients in Gen.Choose(2, 4)
        from lists in Gen.ArrayOf(Gen.Choose(1, MaxConcurrentOperations / clients).SelectMany(n => Gen.ArrayOf(ClientCommand, n)), clients)
        select new ConcurrentCase(setup, lists);

    public static Arbitrary<ConcurrentCase> Arbitrary { get; } = Arb.From(Case, Shrink);

    public static IEnumerable<ConcurrentCase> Shrink(ConcurrentCase c) => ShrinkAll(c).Where(s => s != c && Differs(s, c));

    private static bool Differs(ConcurrentCase a, ConcurrentCase b) =>
        !a.Setup.SequenceEqual(b.Setup) || a.Clients.Count != b.Clients.Count ||
        a.Clients.Zip(b.Clients).Any(p => !p.First.SequenceEqual(p.Second));

    private static IEnumerable<ConcurrentCase> ShrinkAll(ConcurrentCase c)
    {
        if (c.Clients.Count > 1)
        {
            for (var k = 0; k < c.Clients.Count; k++)
            {
                yield return c with { Clients = [.. c.Clients.Take(k), .. c.Clients.Skip(k + 1)] };
            }
        }

        foreach (var setup in CommandShrinker.Drops(c.Setup))
        {
            yield return c with { Setup = setup };
        }

        for (var k = 0; k < c.Clients.Count; k++)
        {
            foreach (var client in CommandShrinker.Drops(c.Clients[k]).Where(l => l.Count > 0))
            {
                yield return c with { Clients = [.. c.Clients.Take(k), client, .. c.Clients.Skip(k + 1)] };
            }
        }

        // A client's first request moved into the setup, where it runs alone before the clients start: a race
        // whose window needs, say, a REGISTER that happened to land first keeps failing once that REGISTER is
        // setup, and the requests around it can then be dropped.
        for (var k = 0; k < c.Clients.Count; k++)
        {
            var rest = c.Clients[k].Skip(1).ToArray();
            yield return new ConcurrentCase(
                [.. c.Setup, c.Clients[k][0]],
                rest.Length > 0 ? [.. c.Clients.Take(k), rest, .. c.Clients.Skip(k + 1)] : [.. c.Clients.Take(k), .. c.Clients.Skip(k + 1)]);
        }

        foreach (var rename in CommandShrinker.Renamings(c.Setup.Concat(c.Clients.SelectMany(l => l))))
        {
            yield return Map(c, rename);
        }

        // Plainer arguments everywhere at once: no timestamps, port 1, empty descriptions.
        yield return Map(c, command => command with { Stamped = false });
        yield return Map(c, command => command.Operation == Operation.Connect ? command with { Port = 1 } : command);
        yield return Map(c, command => command.Operation == Operation.Publish ? command with { Description = string.Empty } : command);
    }

    private static ConcurrentCase Map(ConcurrentCase c, Func<DirectoryCommand, DirectoryCommand> change) =>
        new([.. c.Setup.Select(change)], [.. c.Clients.Select(l => (IReadOnlyList<DirectoryCommand>)[.. l.Select(change)])]);
}
