using System.Diagnostics;
using System.Text;
using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.TestKit;

namespace P2PSim.Peer.Tests;

/// <summary>
/// A named pipe (FIFO) in the share folder: opening one for reading waits for a writer that never comes, so the
/// file server serves regular files only and refuses anything else with code 2, at once, for every request kind.
/// </summary>
public sealed class FileServerSpecialFileTests : IDisposable
{
    private readonly TempFolder _share = new();
    private readonly TestNetwork _network = TestNetwork.Create(TransportKind.InMemory);

    public void Dispose() => _share.Dispose();

    [Theory]
    [InlineData("GET_FILE|pipe|")]
    [InlineData("GET_MANIFEST|pipe|")]
    [InlineData("GET_RANGE|pipe|0000000000000000000000000000000000000000000000000000000000000000|0|1|")]
    public async Task A_named_pipe_is_refused_with_code_2_and_blocks_nothing(string request)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no named pipes in a Windows folder
        }

        var fifo = _share["pipe"];
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync(TestData.Timeout());
            Assert.Equal(0, mkfifo.ExitCode);
        }

        await using var server = await FileServerHost.StartAsync(
            _network.Transport, TestNetwork.AnyPort, new FileServerOptions(_share.Path) { IdleTimeout = TimeSpan.FromMinutes(5) });
        try
        {
            await using var connection = await _network.Transport.ConnectAsync(server.EndPoint);
            await connection.Stream.WriteAsync(Encoding.ASCII.GetBytes(request.Replace('|', '\0')));
            using var received = new MemoryStream();
            await connection.Stream.CopyToAsync(received, TestData.Timeout(5));

            Assert.Equal("2\0", Encoding.ASCII.GetString(received.ToArray()));
            await Poll.UntilAsync(() => server.Server.OpenConnections == 0, "the connection ended");
        }
        finally
        {
            if (server.Server.OpenConnections > 0)
            {
                // A session stuck opening the pipe: a writer lets its open return, so the server can stop.
                using var writer = Process.Start(new ProcessStartInfo("timeout", ["2", "sh", "-c", $": > '{fifo}'"]) { UseShellExecute = false })!;
                await writer.WaitForExitAsync();
            }
        }
    }
}
