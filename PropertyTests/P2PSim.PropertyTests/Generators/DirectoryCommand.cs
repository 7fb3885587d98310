using P2PSim.PropertyTests.Support;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// One step of a generated session: an operation and its arguments (unused ones are ignored). <see cref="Stamped"/>
/// sends it as a part-2 client would, with a timestamp.
/// </summary>
internal sealed record DirectoryCommand(
    Operation Operation, string User, int Port, string FileName, string Description, string RemoteUser, bool Stamped)
{
    public override string ToString()
    {
        var args = Operation switch
        {
            Operation.Connect => $"{ReplyText.Quote(User)} {Port}",
            Operation.Publish => $"{ReplyText.Quote(User)} {ReplyText.Quote(FileName)} {ReplyText.Quote(Description)}",
            Operation.Delete => $"{ReplyText.Quote(User)} {ReplyText.Quote(FileName)}",
            Operation.ListContent => $"{ReplyText.Quote(User)} {ReplyText.Quote(RemoteUser)}",
            _ => ReplyText.Quote(User),
        };
        return $"{Operation.WireName()}{(Stamped ? " [dt]" : string.Empty)} {args}";
    }
}
