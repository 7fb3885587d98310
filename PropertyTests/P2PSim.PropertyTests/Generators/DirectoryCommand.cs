using P2PSim.PropertyTests.Support;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// One step of a generated session: an operation and its arguments (unused ones are ignored). <see cref="Stamped"/>
/// sends it as a part-2 client would, with a timestamp. <see cref="SearchText"/> and <see cref="MaxResults"/> are
/// SEARCH's; FIND_SOURCES uses <see cref="FileName"/>.
/// </summary>
internal sealed record DirectoryCommand(
    Operation Operation, string User, int Port, string FileName, string Description, string RemoteUser, bool Stamped,
    string SearchText = "", int MaxResults = 100)
{
    public override string ToString()
    {
        var args = Operation switch
        {
            Operation.Connect => $"{ReplyText.Quote(User)} {Port}",
            Operation.Publish => $"{ReplyText.Quote(User)} {ReplyText.Quote(FileName)} {ReplyText.Quote(Description)}",
            Operation.Delete => $"{ReplyText.Quote(User)} {ReplyText.Quote(FileName)}",
            Operation.ListContent => $"{ReplyText.Quote(User)} {ReplyText.Quote(RemoteUser)}",
            Operation.FindSources => $"{ReplyText.Quote(User)} {ReplyText.Quote(FileName)}",
            Operation.Search => $"{ReplyText.Quote(User)} {ReplyText.Quote(SearchText)} {MaxResults}",
            _ => ReplyText.Quote(User),
        };
        return $"{Operation.WireName()}{(Stamped ? " [dt]" : string.Empty)} {args}";
    }
}
