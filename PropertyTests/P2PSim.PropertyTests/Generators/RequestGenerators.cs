using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// Every directory request, with or without a timestamp: the classic ones (spec §2) and the FIND_SOURCES and SEARCH
/// extensions (extensions §1: search text with blanks, result counts at 1, at the server's limit and up to 2³¹−1).
/// </summary>
internal static class RequestGenerators
{
    private static readonly Gen<string?> Dt = TextGenerators.Timestamp;
    private static readonly Gen<string> Name = TextGenerators.Name;

    public static Gen<DirectoryRequest> Request { get; } = Gen.OneOf(
        Gen.Zip(Dt, Name, (dt, user) => (DirectoryRequest)new RegisterRequest(dt, user)),
        Gen.Zip(Dt, Name, (dt, user) => (DirectoryRequest)new UnregisterRequest(dt, user)),
        from dt in Dt
        from user in Name
        from port in TextGenerators.Port
        select (DirectoryRequest)new ConnectRequest(dt, user, port),
        Gen.Zip(Dt, Name, (dt, user) => (DirectoryRequest)new DisconnectRequest(dt, user)),
        from dt in Dt
        from user in Name
        from file in Name
        from description in TextGenerators.Description
        select (DirectoryRequest)new PublishRequest(dt, user, file, description),
        from dt in Dt
        from user in Name
        from file in Name
        select (DirectoryRequest)new DeleteRequest(dt, user, file),
        Gen.Zip(Dt, Name, (dt, user) => (DirectoryRequest)new ListUsersRequest(dt, user)),
        from dt in Dt
        from user in Name
        from remote in Name
        select (DirectoryRequest)new ListContentRequest(dt, user, remote),
        from dt in Dt
        from user in Name
        from file in Name
        select (DirectoryRequest)new FindSourcesRequest(dt, user, file),
        from dt in Dt
        from user in Name
        from text in TextGenerators.SearchText
        from max in SearchCount
        select (DirectoryRequest)new SearchRequest(dt, user, text, max));

    /// <summary>SEARCH's result count: 1, around the server's limit of 100, up to <see cref="int.MaxValue"/>.</summary>
    public static Gen<int> SearchCount { get; } = Gen.Frequency(
        (2, Gen.Elements(1, 2, 99, SearchRequest.ServerLimit, 101, int.MaxValue - 1, int.MaxValue)),
        (2, Gen.Choose(1, 200)),
        (1, Gen.Choose(1, int.MaxValue)));

    public static Arbitrary<DirectoryRequest> Arbitrary { get; } = Arb.From(Request);
}
