using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// Replies a server can send: every operation, each of its result codes and -1, in all three encodings, and for
/// code 0 of LIST_USERS/LIST_CONTENT a list body (possibly empty).
/// </summary>
internal static class ReplyGenerators
{
    private static readonly Gen<string> Ip = Gen.OneOf(
        Gen.Elements("127.0.0.1", "::1", "10.0.0.7"),
        Gen.ArrayOf(Gen.Choose(0, 255), 4).Select(parts => string.Join('.', parts)));

    private static readonly Gen<UserEntry> User =
        from name in TextGenerators.Name
        from ip in Ip
        from port in Gen.Choose(0, 65535)
        select new UserEntry(name, ip, port);

    private static readonly Gen<ContentEntry> File =
        Gen.Zip(TextGenerators.Name, TextGenerators.Description).Select(t => new ContentEntry(t.Item1, t.Item2));

    public static Gen<ResultEncoding> Encoding { get; } =
        Gen.Elements(ResultEncoding.Ascii, ResultEncoding.Byte, ResultEncoding.Char);

    public static Gen<DirectoryReply> Reply { get; } =
        Gen.Elements(Enum.GetValues<Operation>()).SelectMany(operation =>
            Gen.Choose(-1, operation.OtherErrorCode()).SelectMany(code => Body(operation, code)));

    public static Arbitrary<ReplyCase> Arbitrary { get; } =
        Arb.From(Gen.Zip(Reply, Encoding).Select(t => new ReplyCase(t.Item1, t.Item2)));

    private static Gen<DirectoryReply> Body(Operation operation, int code)
    {
        var reply = new DirectoryReply(operation, code);
        return (operation, code) switch
        {
            (Operation.ListUsers, 0) => ListOf(User).Select(users => reply with { Users = users }),
            (Operation.ListContent, 0) => ListOf(File).Select(files => reply with { Files = files }),
            (Operation.FindSources, 0) => ListOf(User).Select(users => reply with { Users = users }),
            (Operation.Search, 0) => ListOf(Gen.Zip(User, File).Select(t => new SearchHit(t.Item1.Name, t.Item2.FileName, t.Item2.Description)))
                .Select(hits => reply with { Hits = hits }),
            _ => Gen.Constant(reply),
        };
    }

    private static Gen<IReadOnlyList<T>> ListOf<T>(Gen<T> item) =>
        Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(item, n)).Select(items => (IReadOnlyList<T>)items);
}
