using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>
/// The service's replies carry a list only with a success code, and the list is the registry's answer; every sink
/// of a composite hears every operation; the registry's edge statuses and the address it keeps for a user.
/// </summary>
public sealed class ServiceRepliesTests
{
    [Fact]
    public async Task Lists_come_with_success_and_only_with_success()
    {
        var service = new DirectoryService(new DirectoryRegistry());
        await HandleAsync(service, new RegisterRequest(null, "ann"));
        await HandleAsync(service, new ConnectRequest(null, "ann", 4001));
        await HandleAsync(service, new PublishRequest(null, "ann", "song.mp3", "my song"));

        Assert.Equal([new UserEntry("ann", "10.0.0.1", 4001)], (await HandleAsync(service, new ListUsersRequest(null, "ann"))).Users);
        Assert.Equal([new ContentEntry("song.mp3", "my song")], (await HandleAsync(service, new ListContentRequest(null, "ann", "ann"))).Files);
        Assert.Equal([new SearchHit("ann", "song.mp3", "my song")], (await HandleAsync(service, new SearchRequest(null, "ann", "song", 10))).Hits);
        await HandleAsync(service, new RegisterRequest(null, "bob"));
        await HandleAsync(service, new ConnectRequest(null, "bob", 4002));
        Assert.Equal([new UserEntry("ann", "10.0.0.1", 4001)], (await HandleAsync(service, new FindSourcesRequest(null, "bob", "song.mp3"))).Users);

        // A user who is not connected gets an error code and no list at all (FIND_SOURCES and SEARCH are open to
        // anyone, so they always succeed).
        await HandleAsync(service, new RegisterRequest(null, "carol"));
        foreach (var reply in new[]
        {
            await HandleAsync(service, new ListUsersRequest(null, "carol")),
            await HandleAsync(service, new ListContentRequest(null, "carol", "ann")),
        })
        {
            Assert.NotEqual(0, reply.Code);
            Assert.Null(reply.Users);
            Assert.Null(reply.Files);
        }
    }

    [Fact]
    public async Task A_search_with_no_match_is_an_empty_success()
    {
        var service = new DirectoryService(new DirectoryRegistry());
        var reply = await HandleAsync(service, new SearchRequest(null, "ann", "nothing", 10));
        Assert.Equal(0, reply.Code);
        Assert.Empty(reply.Hits!);
    }

    [Fact]
    public async Task Every_sink_of_a_composite_hears_every_operation()
    {
        var first = new List<OperationRecord>();
        var second = new List<OperationRecord>();
        var service = new DirectoryService(new DirectoryRegistry(), new CompositeOperationSink(new ListSink(first), new ListSink(second)));
        await HandleAsync(service, new RegisterRequest(null, "ann"));
        await HandleAsync(service, new UnregisterRequest(null, "ann"));

        Assert.Equal([Operation.Register, Operation.Unregister], first.Select(r => r.Operation));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Disconnecting_clears_the_address_and_unknown_users_are_refused()
    {
        var registry = new DirectoryRegistry();
        Assert.Equal(RegistryStatus.NoSuchUser, registry.Disconnect("nobody"));
        registry.Register("ann");
        Assert.Equal(("ann", false, "", 0), (Single(registry).Name, Single(registry).Connected, Single(registry).Ip, Single(registry).Port));

        registry.Connect("ann", "10.0.0.1", 4001);
        Assert.Equal(("10.0.0.1", 4001), (Single(registry).Ip, Single(registry).Port));
        Assert.Equal(RegistryStatus.Ok, registry.Disconnect("ann"));
        Assert.Equal(("", 0, false), (Single(registry).Ip, Single(registry).Port, Single(registry).Connected));
        Assert.Equal(RegistryStatus.NotConnected, registry.Disconnect("ann"));
    }

    [Fact]
    public async Task Listing_content_needs_a_connected_caller()
    {
        var registry = new DirectoryRegistry();
        registry.Register("ann");
        registry.Register("bob");
        registry.Connect("bob", "10.0.0.2", 4002);
        registry.Publish("bob", "song.mp3", "my song");

        Assert.Equal(RegistryStatus.NotConnected, registry.ListContent("ann", "bob", out var files));
        Assert.Empty(files);
        Assert.Equal(RegistryStatus.NoSuchUser, registry.ListContent("carol", "bob", out _));
        Assert.Equal(RegistryStatus.Ok, registry.ListContent("bob", "bob", out files));
        Assert.Single(files);
    }

    private static async Task<DirectoryReply> HandleAsync(DirectoryService service, DirectoryRequest request) => await service.HandleAsync(request, "10.0.0.1");

    private static RegisteredUser Single(DirectoryRegistry registry) => Assert.Single(registry.Snapshot());

    private sealed class ListSink(List<OperationRecord> records) : IOperationSink
    {
        public void OnOperation(OperationRecord record) => records.Add(record);
    }
}
