using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Model;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Concurrency;

/// <summary>
/// The consistency a Redis Cluster store promises for reads across users (docs/registry-stores.md §4), as steps
/// for the linearizability checker. An operation on one bucket's users is one step, as everywhere. A read across
/// buckets that got past its anchor (LIST_USERS, FIND_SOURCES, SEARCH answered OK; LIST_CONTENT of a user in
/// another bucket answered OK or "no such user") is one step per bucket: the anchor (the caller's, or the named
/// user's, bucket: its checks and its own entries), then each other bucket's entries, each explained at a point of
/// its own after the anchor and within the operation's time. So each bucket is read linearizably, and the union is
/// what a sequence of reads, bucket by bucket, gives: no more.
/// </summary>
internal static class PerBucketSteps
{
    public static IReadOnlyList<HistoryStep> Of(IReadOnlyList<HistoryEvent> history, IEnumerable<string> users, Func<string, int> bucketOf)
    {
        var buckets = users.Concat(history.SelectMany(e => new[] { e.Command.User, e.Command.RemoteUser }))
            .Where(u => !string.IsNullOrEmpty(u)).Select(bucketOf).Distinct().Order().ToList();
        var steps = new List<HistoryStep>();
        foreach (var e in history)
        {
            if (!IsGather(e, bucketOf))
            {
                steps.Add(HistoryStep.Whole(e));
                continue;
            }

            var anchor = bucketOf(e.Command.User);
            var first = steps.Count;
            steps.Add(new HistoryStep(e, (state, clientIp) => Anchor(state, clientIp, e, anchor, bucketOf), Part: $"bucket {anchor}, anchor"));
            if (e.Command.Operation == Operation.ListContent)
            {
                var remote = bucketOf(e.Command.RemoteUser);
                steps.Add(new HistoryStep(e, (state, _) => RemoteContent(state, e), first, $"bucket {remote}"));
                continue;
            }

            foreach (var bucket in buckets.Where(b => b != anchor))
            {
                steps.Add(new HistoryStep(e, (state, clientIp) => SameEntries(Unchecked(state, clientIp, e.Command), e, bucket, bucketOf), first, $"bucket {bucket}"));
            }
        }

        return steps;
    }

    /// <summary>Whether the server's answer shows the operation gathered from other buckets after its anchor.</summary>
    private static bool IsGather(HistoryEvent e, Func<string, int> bucketOf)
    {
        var command = e.Command;
        if (!WellFormedRequest.Is(command))
        {
            return false;
        }

        return command.Operation switch
        {
            Operation.ListUsers or Operation.FindSources or Operation.Search => e.Reply.Code == 0,
            Operation.ListContent => e.Reply.Code is 0 or 3 && bucketOf(command.RemoteUser) != bucketOf(command.User),
            _ => false,
        };
    }

    /// <summary>The anchor: the model passes the operation's checks, and its entries of the anchor bucket are the server's.</summary>
    private static bool Anchor(DirectoryModel state, string clientIp, HistoryEvent e, int anchor, Func<string, int> bucketOf)
    {
        var model = state.Apply(e.Command, clientIp); // a read: the state stays as it is
        return e.Command.Operation == Operation.ListContent
            ? model.Code is 0 or 3 // the caller may list; the remote user's bucket answers the rest
            : model.Code == e.Reply.Code && SameEntries(model, e, anchor, bucketOf);
    }

    /// <summary>LIST_CONTENT's second part: the remote user's files as its bucket holds them, or "no such user".</summary>
    private static bool RemoteContent(DirectoryModel state, HistoryEvent e) =>
        state.Users.TryGetValue(e.Command.RemoteUser, out var remote)
            ? e.Reply.Code == 0 && SameSet(e.Reply.Files, remote.Files.Select(f => new ContentEntry(f.Key, f.Value)))
            : e.Reply.Code == 3;

    /// <summary>
    /// The model's full answer to a LIST_USERS, FIND_SOURCES or SEARCH without the caller's check, which only the
    /// anchor bucket makes (FIND_SOURCES and SEARCH make none).
    /// </summary>
    private static DirectoryReply Unchecked(DirectoryModel state, string clientIp, DirectoryCommand command) =>
        command.Operation == Operation.ListUsers
            ? new DirectoryReply(Operation.ListUsers, 0) { Users = state.ListedUsers() }
            : state.Apply(command, clientIp);

    /// <summary>One bucket's part of a LIST_USERS, FIND_SOURCES or SEARCH: the server's entries of it are the model's.</summary>
    private static bool SameEntries(DirectoryReply model, HistoryEvent e, int bucket, Func<string, int> bucketOf)
    {
        if (e.Command.Operation != Operation.Search)
        {
            return SameSet(e.Reply.Users?.Where(u => bucketOf(u.Name) == bucket), model.Users!.Where(u => bucketOf(u.Name) == bucket));
        }

        var hits = e.Reply.Hits?.Where(h => bucketOf(h.User) == bucket).ToList();
        var matches = model.Hits!.Where(h => bucketOf(h.User) == bucket).ToHashSet();
        if (hits is null)
        {
            return false;
        }

        // With as many hits as the limit, the server chose which to send: those of this bucket must be among its
        // matches. Below the limit every match was sent.
        var cut = e.Reply.Hits!.Count >= Math.Min(e.Command.MaxResults, SearchRequest.ServerLimit);
        return cut ? hits.All(matches.Contains) : SameSet(hits, matches);
    }

    private static bool SameSet<T>(IEnumerable<T>? actual, IEnumerable<T> model)
    {
        if (actual is null)
        {
            return false;
        }

        var a = actual.ToList();
        var m = model.ToList();
        return a.Count == m.Count && a.ToHashSet().SetEquals(m);
    }
}
