using System.Globalization;
using System.Security.Cryptography;
using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests;

/// <summary>
/// Clients that pipeline GET_RANGE requests and never read the replies: the bytes the file server buffers for
/// them stay within its range budget, and a client that does read still gets exact bytes.
/// </summary>
public sealed class FileServerRangeBudgetTests : IDisposable
{
    private const long Budget = 1024 * 1024;
    private const int RangeLength = 4 * 1024 * 1024;

    private readonly TempFolder _share = new();
    private readonly TestNetwork _network = TestNetwork.Create(TransportKind.InMemory);

    public void Dispose() => _share.Dispose();

    [Fact]
    public async Task Pipelined_ranges_that_are_never_read_stay_within_the_budget()
    {
        var content = TestData.Bytes(4 * RangeLength, seed: 31);
        _share.Write("f.bin", content);
        var version = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
        await using var server = await FileServerHost.StartAsync(
            _network.Transport, TestNetwork.AnyPort, new FileServerOptions(_share.Path) { MaxRangeBytesInFlight = Budget });

        var clients = new List<IConnection>();
        try
        {
            for (var c = 0; c < 8; c++)
            {
                var connection = await _network.Transport.ConnectAsync(server.EndPoint);
                clients.Add(connection);
                var requests = Enumerable.Range(0, 20).SelectMany(i =>
                    Wire.Fields("GET_RANGE", "f.bin", version, ((i % 4) * (long)RangeLength).ToString(CultureInfo.InvariantCulture), RangeLength.ToString(CultureInfo.InvariantCulture)));
                await connection.Stream.WriteAsync(requests.ToArray());
            }

            await Poll.UntilAsync(() => server.Server.ActiveConnections == clients.Count, "every client served");
            await Poll.UntilAsync(() => server.Server.RangeBytesBuffered > 0, "ranges being sent");
            await Task.Delay(500); // let every session run into its unread client

            Assert.InRange(server.Server.PeakRangeBytesBuffered, 1, Budget);

            // One client reads its first reply: exact bytes, budget or not.
            var first = new byte[2 + RangeLength];
            await clients[0].Stream.ReadExactlyAsync(first, TestData.Timeout());
            Assert.Equal("0\0"u8.ToArray(), first[..2]);
            Assert.True(content.AsSpan(0, RangeLength).SequenceEqual(first.AsSpan(2)), "the range's bytes");
            Assert.InRange(server.Server.PeakRangeBytesBuffered, 1, Budget);
        }
        finally
        {
            foreach (var connection in clients)
            {
                connection.Abort();
            }
        }

        await Poll.UntilAsync(() => server.Server.OpenConnections == 0, "every connection ended");
        Assert.Equal(0, server.Server.RangeBytesBuffered);
    }
}
