using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Generators;

/// <summary>Every classic directory request (spec §2), with or without a timestamp.</summary>
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
        select (DirectoryRequest)new ListContentRequest(dt, user, remote));

    public static Arbitrary<DirectoryRequest> Arbitrary { get; } = Arb.From(Request);
}
