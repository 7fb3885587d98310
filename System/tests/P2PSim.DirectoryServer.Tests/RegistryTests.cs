using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>The registry's semantics and the spec's result-code table (§2), without any I/O.</summary>
public sealed class RegistryTests
{
    private readonly DirectoryRegistry _registry = new();

    [Fact]
    public void Register_twice_reports_the_name_in_use()
    {
        Assert.Equal(RegistryStatus.Ok, _registry.Register("alice"));
        Assert.Equal(RegistryStatus.AlreadyRegistered, _registry.Register("alice"));
    }

    [Fact]
    public void Connect_requires_registration_and_is_not_repeatable()
    {
        Assert.Equal(RegistryStatus.NoSuchUser, _registry.Connect("alice", "127.0.0.1", 7000));
        _registry.Register("alice");
        Assert.Equal(RegistryStatus.Ok, _registry.Connect("alice", "127.0.0.1", 7000));
        Assert.Equal(RegistryStatus.AlreadyConnected, _registry.Connect("alice", "127.0.0.1", 7001));
        Assert.Equal(7000, _registry.Snapshot().Single().Port);
    }

    [Fact]
    public void Publish_and_delete_need_a_connected_user()
    {
        Assert.Equal(RegistryStatus.NoSuchUser, _registry.Publish("alice", "f", "d"));
        _registry.Register("alice");
        Assert.Equal(RegistryStatus.NotConnected, _registry.Publish("alice", "f", "d"));
        Assert.Equal(RegistryStatus.NotConnected, _registry.Delete("alice", "f"));
        _registry.Connect("alice", "127.0.0.1", 7000);
        Assert.Equal(RegistryStatus.Ok, _registry.Publish("alice", "f", "d"));
        Assert.Equal(RegistryStatus.AlreadyPublished, _registry.Publish("alice", "f", "other"));
        Assert.Equal(RegistryStatus.Ok, _registry.Delete("alice", "f"));
        Assert.Equal(RegistryStatus.NotPublished, _registry.Delete("alice", "f"));
    }

    [Fact]
    public void Files_survive_disconnect_and_go_with_unregister()
    {
        _registry.Register("alice");
        _registry.Connect("alice", "127.0.0.1", 7000);
        _registry.Publish("alice", "song.mp3", "a song");
        Assert.Equal(RegistryStatus.Ok, _registry.Disconnect("alice"));
        Assert.Equal(RegistryStatus.NotConnected, _registry.Disconnect("alice"));

        _registry.Register("bob");
        _registry.Connect("bob", "127.0.0.2", 7001);
        Assert.Equal(RegistryStatus.Ok, _registry.ListContent("bob", "alice", out var files));
        Assert.Equal("song.mp3", Assert.Single(files).FileName);

        Assert.Equal(RegistryStatus.Ok, _registry.Unregister("alice"));
        Assert.Equal(RegistryStatus.NoSuchRemoteUser, _registry.ListContent("bob", "alice", out _));
        Assert.Equal(RegistryStatus.NoSuchUser, _registry.Unregister("alice"));
    }

    [Fact]
    public void List_users_shows_connected_users_only()
    {
        _registry.Register("alice");
        _registry.Register("bob");
        _registry.Register("carol");
        _registry.Connect("alice", "127.0.0.1", 7000);
        _registry.Connect("bob", "127.0.0.2", 7001);
        Assert.Equal(RegistryStatus.NotConnected, _registry.ListUsers("carol", out _));
        Assert.Equal(RegistryStatus.Ok, _registry.ListUsers("alice", out var users));
        Assert.Equal(["alice", "bob"], users.Select(u => u.Name).Order());
        Assert.Contains(users, u => u is { Name: "bob", Ip: "127.0.0.2", Port: 7001 });
    }

    [Fact]
    public void The_same_file_name_may_be_published_by_two_users()
    {
        foreach (var user in new[] { "alice", "bob" })
        {
            _registry.Register(user);
            _registry.Connect(user, "127.0.0.1", 7000);
            Assert.Equal(RegistryStatus.Ok, _registry.Publish(user, "same.txt", user));
        }
    }

    [Theory]
    [InlineData(Operation.Register, RegistryStatus.AlreadyRegistered, 1)]
    [InlineData(Operation.Unregister, RegistryStatus.NoSuchUser, 1)]
    [InlineData(Operation.Connect, RegistryStatus.NoSuchUser, 1)]
    [InlineData(Operation.Connect, RegistryStatus.AlreadyConnected, 2)]
    [InlineData(Operation.Disconnect, RegistryStatus.NoSuchUser, 1)]
    [InlineData(Operation.Disconnect, RegistryStatus.NotConnected, 2)]
    [InlineData(Operation.Publish, RegistryStatus.NoSuchUser, 1)]
    [InlineData(Operation.Publish, RegistryStatus.NotConnected, 2)]
    [InlineData(Operation.Publish, RegistryStatus.AlreadyPublished, 3)]
    [InlineData(Operation.Delete, RegistryStatus.NoSuchUser, 1)]
    [InlineData(Operation.Delete, RegistryStatus.NotConnected, 2)]
    [InlineData(Operation.Delete, RegistryStatus.NotPublished, 3)]
    [InlineData(Operation.ListUsers, RegistryStatus.NoSuchUser, 1)]
    [InlineData(Operation.ListUsers, RegistryStatus.NotConnected, 2)]
    [InlineData(Operation.ListContent, RegistryStatus.NoSuchUser, 1)]
    [InlineData(Operation.ListContent, RegistryStatus.NotConnected, 2)]
    [InlineData(Operation.ListContent, RegistryStatus.NoSuchRemoteUser, 3)]
    public void Result_codes_follow_the_spec_table(Operation operation, RegistryStatus status, int code)
    {
        Assert.Equal(code, ResultCodes.For(operation, status));
        Assert.Equal(0, ResultCodes.For(operation, RegistryStatus.Ok));
    }

    [Fact]
    public void List_users_is_one_shared_list_until_the_connected_users_change()
    {
        foreach (var (name, port) in new[] { ("alice", 7001), ("bob", 7002) })
        {
            _registry.Register(name);
            _registry.Connect(name, "127.0.0.1", port);
        }

        _registry.ListUsers("alice", out var first);
        _registry.ListUsers("bob", out var again);
        Assert.Same(first, again);

        // Changes that leave the connected users as they are keep the list.
        _registry.Register("carol");
        _registry.Publish("alice", "f", "d");
        _registry.Unregister("nobody");
        _registry.ListUsers("alice", out var unchanged);
        Assert.Same(first, unchanged);

        // Each change to them gives a new list that shows it.
        _registry.Connect("carol", "127.0.0.3", 7003);
        Assert.Equal(["alice", "bob", "carol"], ConnectedNames());
        _registry.Disconnect("bob");
        Assert.Equal(["alice", "carol"], ConnectedNames());
        _registry.Unregister("alice");
        Assert.Equal(["carol"], ConnectedNames());
        _registry.ListUsers("carol", out var last);
        Assert.NotSame(first, last);
        Assert.Equal(new UserEntry("carol", "127.0.0.3", 7003), Assert.Single(last));

        string[] ConnectedNames()
        {
            Assert.Equal(RegistryStatus.Ok, _registry.ListUsers("carol", out var users));
            return [.. users.Select(u => u.Name).Order(StringComparer.Ordinal)];
        }
    }
}
