using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol.Messages;
using Xunit;

namespace P2PSim.TestKit;

/// <summary>
/// What every registry store must answer as the in-memory registry does (docs/registry-stores.md §1): one scripted
/// history through every operation and most result codes, run through a <see cref="DirectoryService"/> over the
/// memory store and over the store under test, reply by reply.
/// </summary>
public static class StoreConformance
{
    /// <summary>The history; <paramref name="session"/> is the session bob CONNECTs on.</summary>
    public static IEnumerable<(DirectoryRequest Request, Caller Caller)> History(long session) =>
    [
        (new RegisterRequest(null, "ann"), default),
        (new RegisterRequest(null, "ann"), default),
        (new RegisterRequest(null, "bob"), default),
        (new RegisterRequest(null, "cid"), default),
        (new ConnectRequest(null, "ann", 4001), default),
        (new ConnectRequest(null, "ann", 4001), default),
        (new ConnectRequest(null, "bob", 4002), Caller.Anonymous with { Session = session }),
        (new ConnectRequest(null, "bob", 4002), Caller.Anonymous with { Session = session + 1 }),
        (new PublishRequest(null, "ann", "song.mp3", "a song"), default),
        (new PublishRequest(null, "ann", "song.mp3", "again"), default),
        (new PublishRequest(null, "ann", "film.mkv", "a film"), default),
        (new PublishRequest(null, "ann", "Notes.TXT", "Ünïcode déscription"), default),
        (new PublishRequest(null, "bob", "song.mp3", "bob's copy"), default),
        (new PublishRequest(null, "cid", "x", "not connected"), default),
        (new PublishRequest(null, "ghost", "x", "not registered"), default),
        (new DeleteRequest(null, "ann", "film.mkv"), default),
        (new DeleteRequest(null, "ann", "film.mkv"), default),
        (new ListUsersRequest(null, "ann"), default),
        (new ListUsersRequest(null, "cid"), default),
        (new ListContentRequest(null, "ann", "ann"), default),
        (new ListContentRequest(null, "ann", "bob"), default),
        (new ListContentRequest(null, "ann", "cid"), default),
        (new ListContentRequest(null, "ann", "ghost"), default),
        (new ListContentRequest(null, "cid", "ann"), default),
        (new FindSourcesRequest(null, "cid", "song.mp3"), default),
        (new FindSourcesRequest(null, "ann", "song.mp3"), default),
        (new FindSourcesRequest(null, "nobody", "nothing"), default),
        (new SearchRequest(null, "ann", "SONG", 10), default),
        (new SearchRequest(null, "ann", "ÜNÏ", 10), default),
        (new SearchRequest(null, "ann", "o", 1), default),
        (new ConnectRequest(null, "cid", 4003), default),
        (new DisconnectRequest(null, "cid"), default),
        (new DisconnectRequest(null, "cid"), default),
        (new DisconnectRequest(null, "ghost"), default),
        (new RegisterRequest(null, "dan"), default),
        (new UnregisterRequest(null, "dan"), default),
        (new UnregisterRequest(null, "dan"), default),
        (new ListContentRequest(null, "ann", "dan"), default),
    ];

    /// <summary>
    /// Runs <see cref="History"/> through both stores and asserts the same reply each time. List order is the
    /// store's (docs/registry-stores.md), except LIST_CONTENT's, which is publishing order everywhere; a capped
    /// SEARCH must return as many hits, each a real match.
    /// </summary>
    public static async Task AssertAnswersLikeMemoryAsync(IRegistryStore store, long session)
    {
        var memory = new DirectoryService(new DirectoryRegistry());
        var tested = new DirectoryService(store);
        foreach (var (request, caller) in History(session))
        {
            var expected = await memory.HandleAsync(request, "10.0.0.1", caller);
            var actual = await tested.HandleAsync(request, "10.0.0.1", caller);
            var what = $"{request.Operation} by {request.User}";
            Assert.True(expected.Code == actual.Code, $"{what}: answered {actual.Code}, the memory store {expected.Code}");
            Assert.Equal(expected.Files, actual.Files);
            Assert.Equal(Sorted(expected.Users), Sorted(actual.Users));
            if (request is SearchRequest { MaxResults: var max } && expected.Hits!.Count == max)
            {
                Assert.Equal(expected.Hits.Count, actual.Hits!.Count);
            }
            else
            {
                Assert.Equal(Sorted(expected.Hits), Sorted(actual.Hits));
            }
        }

        Assert.Equal(Describe(await memory.Registry.SnapshotAsync()), Describe(await store.SnapshotAsync()));
    }

    /// <summary>A registry's content as sorted lines, to compare stores whose user order differs.</summary>
    public static string[] Describe(IEnumerable<RegisteredUser> users) =>
    [
        .. users.OrderBy(u => u.Name, StringComparer.Ordinal).Select(u =>
            $"{u.Name} {u.Connected} {u.Ip}:{u.Port} {u.Protected} [{string.Join(", ", u.Files.Select(f => $"{f.FileName}={f.Description}"))}]"),
    ];

    private static string[]? Sorted<T>(IEnumerable<T>? items) => items?.Select(i => i!.ToString()!).Order(StringComparer.Ordinal).ToArray();
}
