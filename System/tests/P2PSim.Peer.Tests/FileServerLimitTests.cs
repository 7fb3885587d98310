using P2PSim.Peer.Downloads;
using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.InMemory;

namespace P2PSim.Peer.Tests;

/// <summary>
/// What connections that never send a request can hold of a peer's file server: no transfer slot (only a
/// connection that has sent its request counts toward <see cref="FileServerOptions.MaxConnections"/>), and the oldest
/// idle one gives way when too many wait, overall or from one address.
/// </summary>
public sealed class FileServerLimitTests : IDisposable
{
    private const string ServerHost = "127.0.0.1";

    private readonly TempFolder _share = new();
    private readonly TempFolder _downloads = new();
    private readonly InMemoryNetwork _network = new();
    private readonly List<IConnection> _held = [];

    public FileServerLimitTests() => _share.Write("a.txt", "A"u8.ToArray());

    public void Dispose()
    {
        foreach (var connection in _held)
        {
            connection.Abort();
        }

        _share.Dispose();
        _downloads.Dispose();
    }

    [Fact]
    public async Task Idle_connections_from_many_addresses_do_not_take_the_transfer_slots()
    {
        await using var server = await StartAsync(o => o with { MaxConnections = 4, MaxConnectionsPerAddress = 2 });
        for (var i = 0; i < 16; i++)
        {
            await HoldAsync(server, $"127.0.1.{i / 2}");
        }

        await Poll.UntilAsync(() => server.Server.OpenConnections == 16, "the idle connections accepted");
        Assert.Equal(0, server.Server.ActiveConnections);
        var result = await new FileDownloader(_network.CreateTransport("127.0.0.1"))
            .DownloadAsync(server.EndPoint, "a.txt", _downloads["a.txt"], TestData.Timeout());
        Assert.Equal(0, result.Code);
    }

    [Fact]
    public async Task Past_its_cap_an_address_gives_up_its_oldest_idle_connection_and_others_are_still_served()
    {
        await using var server = await StartAsync(o => o with { MaxConnectionsPerAddress = 3, RequestTimeout = TimeSpan.FromMinutes(1) });
        var held = new List<IConnection>();
        for (var i = 0; i < 3; i++)
        {
            held.Add(await HoldAsync(server, "127.0.0.9"));
            await Poll.UntilAsync(() => server.Server.OpenConnections == held.Count, "the idle connection accepted");
        }

        var newest = await HoldAsync(server, "127.0.0.9");
        Assert.True(await EndsAsync(held[0]), "the address's oldest idle connection is closed to make room");
        await Poll.UntilAsync(() => server.Server.OpenConnections == 3, "three connections from the address");
        Assert.False(await EndsAsync(newest, TimeSpan.FromMilliseconds(200)), "the newcomer is kept");

        var result = await new FileDownloader(_network.CreateTransport("127.0.0.1"))
            .DownloadAsync(server.EndPoint, "a.txt", _downloads["a.txt"], TestData.Timeout());
        Assert.Equal(0, result.Code);
    }

    [Fact]
    public async Task An_address_whose_connections_are_all_served_is_refused_more()
    {
        _share.Write("f.bin", TestData.Bytes(4096, seed: 4));
        await using var server = await StartAsync(o => o with { MaxConnectionsPerAddress = 2 });
        for (var i = 0; i < 2; i++)
        {
            var holder = await HoldAsync(server, "127.0.0.8");
            await holder.Stream.WriteAsync(Wire.Fields("GET_MANIFEST", "f.bin"));
            var served = i + 1;
            await Poll.UntilAsync(() => server.Server.ActiveConnections == served, "the manifest request counted");
        }

        Assert.True(await EndsAsync(await HoldAsync(server, "127.0.0.8")), "a third connection from the address is closed at once");
        Assert.Equal(2, server.Server.OpenConnections);
    }

    [Fact]
    public async Task When_too_many_wait_for_their_request_the_oldest_gives_way()
    {
        await using var server = await StartAsync(o => o with { MaxIdleConnections = 2, RequestTimeout = TimeSpan.FromMinutes(1) });
        var oldest = await HoldAsync(server, "127.0.2.1");
        await Poll.UntilAsync(() => server.Server.OpenConnections == 1, "the first idle connection accepted");
        await HoldAsync(server, "127.0.2.2");
        await Poll.UntilAsync(() => server.Server.OpenConnections == 2, "the second idle connection accepted");
        await HoldAsync(server, "127.0.2.3");

        Assert.True(await EndsAsync(oldest), "the oldest idle connection is closed to make room");
        await Poll.UntilAsync(() => server.Server.OpenConnections == 2, "two idle connections left");
    }

    [Fact]
    public async Task A_connection_that_has_sent_its_request_counts_toward_the_limit()
    {
        var content = TestData.Bytes(4096, seed: 3);
        _share.Write("f.bin", content);
        await using var server = await StartAsync(o => o with { MaxConnections = 1 });
        var holder = await HoldAsync(server, "127.0.3.1");
        await holder.Stream.WriteAsync(Wire.Fields("GET_MANIFEST", "f.bin"));
        await Poll.UntilAsync(() => server.Server.ActiveConnections == 1, "the manifest request counted");

        await Assert.ThrowsAsync<TransferFailedException>(() => new FileDownloader(_network.CreateTransport("127.0.0.1"))
            .DownloadAsync(server.EndPoint, "a.txt", _downloads["a.txt"], TestData.Timeout()));
    }

    private Task<RunningServer<FileServer>> StartAsync(Func<FileServerOptions, FileServerOptions> configure) =>
        FileServerHost.StartAsync(
            _network.CreateTransport(ServerHost), new TransportEndPoint(ServerHost, 0), configure(new FileServerOptions(_share.Path)));

    /// <summary>Connects from <paramref name="host"/> and sends nothing.</summary>
    private async Task<IConnection> HoldAsync(RunningServer<FileServer> server, string host)
    {
        var connection = await _network.CreateTransport(host).ConnectAsync(server.EndPoint);
        _held.Add(connection);
        return connection;
    }

    /// <summary>
    /// True when the server ends <paramref name="connection"/> (close or reset) within <paramref name="within"/>, two
    /// seconds by default (well within the request timeout).
    /// </summary>
    private static async Task<bool> EndsAsync(IConnection connection, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(2));
        try
        {
            var one = new byte[1];
            return await connection.Stream.ReadAsync(one, timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
