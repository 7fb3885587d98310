using P2PSim.PropertyTests.Generators;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Support;

/// <summary>
/// Structural comparison of replies (<see cref="DirectoryReply"/> holds lists, so record equality compares them by
/// reference). <see cref="InOrder"/> for codecs, which must keep the order; <see cref="AsSets"/> for the server,
/// whose list order is unspecified.
/// </summary>
internal static class ReplyEquality
{
    public static bool InOrder(DirectoryReply a, DirectoryReply b) =>
        a.Operation == b.Operation && a.Code == b.Code &&
        SameList(a.Users, b.Users, ordered: true) && SameList(a.Files, b.Files, ordered: true) &&
        SameList(a.Hits, b.Hits, ordered: true);

    public static bool AsSets(DirectoryReply a, DirectoryReply b) =>
        a.Operation == b.Operation && a.Code == b.Code &&
        SameList(a.Users, b.Users, ordered: false) && SameList(a.Files, b.Files, ordered: false) &&
        SameList(a.Hits, b.Hits, ordered: false);

    /// <summary>
    /// A server reply against the model's for <paramref name="command"/>: as sets, except that a SEARCH with more
    /// matches than min(max, 100) returns exactly that many of them, which ones being the registry's choice.
    /// </summary>
    public static bool Matches(DirectoryCommand command, DirectoryReply model, DirectoryReply actual)
    {
        if (command.Operation != Operation.Search || model.Hits is not { } all || actual.Hits is not { } hits)
        {
            return AsSets(model, actual);
        }

        var limit = Math.Min(command.MaxResults, SearchRequest.ServerLimit);
        return model.Operation == actual.Operation && model.Code == actual.Code && actual.Users is null && actual.Files is null &&
            hits.Count == Math.Min(all.Count, limit) && hits.Distinct().Count() == hits.Count && hits.All(all.Contains);
    }

    private static bool SameList<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b, bool ordered)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return ordered
            ? a.SequenceEqual(b)
            : a.Count == b.Count && new HashSet<T>(a).SetEquals(b);
    }
}
