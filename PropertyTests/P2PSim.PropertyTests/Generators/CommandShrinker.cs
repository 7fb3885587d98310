using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// Shrinks a failing session towards the shortest, plainest script: first by dropping commands (halves,
/// quarters… then single commands), then by renaming a user or file everywhere to a one-letter name (so
/// collisions are kept), then by plainer arguments (no timestamp, empty description, port 1, a SEARCH count of at most 100, ASCII result
/// codes).
/// </summary>
internal static class CommandShrinker
{
    public static IEnumerable<CommandSequence> Shrink(CommandSequence sequence) =>
        Drops(sequence.Commands).Select(c => sequence with { Commands = c })
            .Concat(Renames(sequence.Commands).Select(c => sequence with { Commands = c }))
            .Concat(Plainer(sequence));

    /// <summary>The list without one contiguous run of elements, longest runs first.</summary>
    public static IEnumerable<IReadOnlyList<T>> Drops<T>(IReadOnlyList<T> items)
    {
        for (var size = Math.Max(1, items.Count / 2); size >= 1 && items.Count > 0; size /= 2)
        {
            for (var start = 0; start + size <= items.Count; start += size)
            {
                yield return [.. items.Take(start), .. items.Skip(start + size)];
            }
        }
    }

    /// <summary>Each user or file name that is not yet a plain one, renamed everywhere to the first unused plain one.</summary>
    public static IEnumerable<IReadOnlyList<DirectoryCommand>> Renames(IReadOnlyList<DirectoryCommand> commands) =>
        Renamings(commands).Select(rename => (IReadOnlyList<DirectoryCommand>)[.. commands.Select(rename)]);

    /// <summary>The renamings <see cref="Renames"/> applies, for shrinking several lists of commands consistently.</summary>
    public static IEnumerable<Func<DirectoryCommand, DirectoryCommand>> Renamings(IEnumerable<DirectoryCommand> commands)
    {
        var all = commands.ToList();
        var users = all.SelectMany(c => new[] { c.User, c.RemoteUser }).Distinct().ToList();
        foreach (var (from, to) in Renamings(users, NameGenerators.ShrunkUsers))
        {
            yield return c => c with { User = Swap(c.User, from, to), RemoteUser = Swap(c.RemoteUser, from, to) };
        }

        var files = all.Select(c => c.FileName).Distinct().ToList();
        foreach (var (from, to) in Renamings(files, NameGenerators.ShrunkFiles))
        {
            yield return c => c with { FileName = Swap(c.FileName, from, to) };
        }
    }

    private static IEnumerable<(string From, string To)> Renamings(List<string> names, string[] plain)
    {
        foreach (var name in names)
        {
            var rank = Array.IndexOf(plain, name);
            var target = plain.FirstOrDefault(p => !names.Contains(p));
            if (target is not null && (rank < 0 || Array.IndexOf(plain, target) < rank))
            {
                yield return (name, target);
            }
        }
    }

    private static string Swap(string value, string from, string to) => value == from ? to : value;

    private static IEnumerable<CommandSequence> Plainer(CommandSequence sequence)
    {
        if (sequence.Encoding != ResultEncoding.Ascii)
        {
            yield return sequence with { Encoding = ResultEncoding.Ascii };
        }

        var commands = sequence.Commands;
        for (var i = 0; i < commands.Count; i++)
        {
            var c = commands[i];
            DirectoryCommand[] plainer =
            [
                c with { Stamped = false },
                c.Operation == Operation.Publish ? c with { Description = string.Empty } : c,
                c.Operation == Operation.Connect ? c with { Port = 1 } : c,
                c.Operation == Operation.Search && c.MaxResults > SearchRequest.ServerLimit ? c with { MaxResults = SearchRequest.ServerLimit } : c,
            ];
            foreach (var candidate in plainer.Where(p => p != c).Distinct())
            {
                yield return sequence with { Commands = [.. commands.Take(i), candidate, .. commands.Skip(i + 1)] };
            }
        }
    }
}
