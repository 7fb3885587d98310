using System.Text;
using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.TestKit;

namespace P2PSim.Peer.Tests;

/// <summary>
/// A client that stops reading is dropped at the idle timeout with a reset (abort), not a graceful close, which
/// would leave the unsent bytes in the kernel's buffers: for GET_FILE and for the extension requests.
/// </summary>
public sealed class FileServerSlowReaderTests : IDisposable
{
    private readonly TempFolder _share = new();

    public void Dispose() => _share.Dispose();

    [Theory]
    [InlineData("GET_FILE|f.bin|")]
    [InlineData("GET_MANIFEST|f.bin|")]
    public async Task A_client_that_does_not_read_is_aborted_at_the_idle_timeout(string request)
    {
        _share.Write("f.bin", TestData.Bytes(100_000, seed: 5));
        var transport = new StallingTransport(TestNetwork.Create(TransportKind.InMemory).Transport);
        await using var server = await FileServerHost.StartAsync(
            transport, TestNetwork.AnyPort, new FileServerOptions(_share.Path) { IdleTimeout = TimeSpan.FromMilliseconds(200) });

        await using var slow = await transport.ConnectAsync(server.EndPoint);
        await slow.Stream.WriteAsync(Encoding.ASCII.GetBytes(request.Replace('|', '\0')));

        await Poll.UntilAsync(() => transport.Accepted.Count == 1 && transport.Accepted[0].Disposed, "the slow reader dropped");
        Assert.True(transport.Accepted[0].Aborted, "dropped with a reset, not a graceful close");
    }
}
