using System.Text;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>
/// A session buffers at most the largest valid request its field limits allow, and never less: a request with every
/// field at its limit is served. The limits here make that largest request 513 bytes, one past a power of two, so a
/// session that reserved even a byte too few (its pooled buffer would then be 512) answers -1 instead.
/// </summary>
public sealed class RequestBoundTests
{
    private const string Stamp = "24/11/2026 20:15:00";

    [Fact]
    public async Task A_publish_with_every_field_at_its_limit_is_served()
    {
        // The largest request is PUBLISH: 8 + 20 + (160 + 1) + (161 + 1) + (161 + 1) = 513 bytes.
        var limits = FieldLimits.Classic with { OperationName = 7, UserName = 160, FileName = 161, Description = 161 };
        var user = new string('u', 160);
        var registry = new DirectoryRegistry();
        registry.Register(user);
        registry.Connect(user, "127.0.0.1", 7000);
        var request = $"PUBLISH\0{Stamp}\0{user}\0{new string('f', 161)}\0{new string('d', 161)}\0";

        var reply = await SendAsync(limits, registry, request);

        Assert.Equal("0\0"u8.ToArray(), reply);
        Assert.Equal([new ContentEntry(new string('f', 161), new string('d', 161))], registry.Snapshot().Single().Files);
    }

    [Fact]
    public async Task A_list_content_with_both_names_at_their_limit_is_served()
    {
        // The largest request is LIST_CONTENT: 13 + 20 + (239 + 1) + (239 + 1) = 513 bytes.
        var limits = FieldLimits.Classic with { OperationName = 12, UserName = 239, FileName = 10, Description = 10 };
        var (caller, remote) = (new string('a', 239), new string('b', 239));
        var registry = new DirectoryRegistry();
        registry.Register(caller);
        registry.Connect(caller, "127.0.0.1", 7000);
        registry.Register(remote);
        registry.Connect(remote, "127.0.0.1", 7001);
        registry.Publish(remote, "x.txt", "y");
        var request = $"LIST_CONTENT\0{Stamp}\0{caller}\0{remote}\0";

        var reply = DirectoryReplyDecoder.Decode(Operation.ListContent, await SendAsync(limits, registry, request));

        Assert.Equal(0, reply.Code);
        Assert.Equal([new ContentEntry("x.txt", "y")], reply.Files!);
    }

    [Fact]
    public async Task A_search_with_a_result_count_longer_than_a_file_name_is_served()
    {
        // The largest request is SEARCH when the count field may be longer than a file name:
        // 7 + 20 + (10 + 1) + (200 + 1) + (273 + 1) = 513 bytes.
        var limits = FieldLimits.Classic with { OperationName = 6, UserName = 10, FileName = 10, Description = 200, Number = 273 };
        var registry = new DirectoryRegistry();
        var seeker = new string('s', 10);
        registry.Register(seeker);
        registry.Connect(seeker, "127.0.0.1", 7000);
        registry.Register("owner");
        registry.Connect("owner", "127.0.0.1", 7001);
        var text = new string('d', 200);
        registry.Publish("owner", "song.mp3", text);
        var request = $"SEARCH\0{Stamp}\0{seeker}\0{text}\0{new string('0', 272)}5\0";

        var reply = DirectoryReplyDecoder.Decode(Operation.Search, await SendAsync(limits, registry, request));

        Assert.Equal(0, reply.Code);
        Assert.Contains(reply.Hits!, hit => hit.FileName == "song.mp3");
    }

    private static async Task<byte[]> SendAsync(FieldLimits limits, DirectoryRegistry registry, string request)
    {
        Assert.Equal(513, Encoding.ASCII.GetByteCount(request));
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var options = new DirectoryServerOptions { Limits = limits };
        await using var server = await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, options, registry: registry);
        return await new RawClassicClient(transport, server.EndPoint).SendBytesAsync(Encoding.ASCII.GetBytes(request));
    }
}
