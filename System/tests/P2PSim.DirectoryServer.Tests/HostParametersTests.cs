using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>What a host hands to <see cref="DirectoryServerHost.StartAsync"/> is what the server uses.</summary>
public sealed class HostParametersTests
{
    [Fact]
    public async Task A_given_registry_is_the_one_served()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var registry = new DirectoryRegistry();
        registry.Register("ann");
        await using var server = await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, registry: registry);
        var client = new RawClassicClient(transport, server.EndPoint);

        Assert.Equal(1, (await client.SendAsync(new RegisterRequest(null, "ann"))).Code); // already there
        Assert.Equal(0, (await client.SendAsync(new RegisterRequest(null, "bob"))).Code);
        Assert.Same(registry, server.Registry);
        Assert.Equal(["ann", "bob"], registry.Snapshot().Select(u => u.Name).Order());
    }

    [Fact]
    public async Task A_given_logger_hears_the_server()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var logger = new CapturingLogger();
        await using var server = await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, logger: logger);
        var client = new RawClassicClient(transport, server.EndPoint);

        Assert.Equal("-1\0"u8.ToArray(), await client.SendBytesAsync("FROBNICATE\0x\0"u8.ToArray()));

        // 2001 listening, 2002 bad request.
        await Poll.UntilAsync(() => logger.Events.Contains(2002), "the bad request logged");
        Assert.Contains(2001, logger.Events);
    }
}
