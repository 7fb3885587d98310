using System.Security.Cryptography;
using System.Text;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.TestKit;
using P2PSim.Transport.Hosting;

namespace P2PSim.Peer.Tests;

/// <summary>
/// The file server's side of the multi-source extension, on the wire: GET_MANIFEST, pipelined GET_RANGE, and every
/// request it must refuse (traversal, absurd ranges, a stale version) without crashing or serving a byte outside
/// the share folder. Also a classic GET_FILE-only peer taking part in a multi-source download.
/// </summary>
public sealed class FileServerExtensionTests : IDisposable
{
    private readonly TempFolder _share = new();
    private readonly TempFolder _downloads = new();
    private readonly TestNetwork _network = TestNetwork.Create(TransportKind.InMemory);

    public void Dispose()
    {
        _share.Dispose();
        _downloads.Dispose();
    }

    [Fact]
    public async Task Manifest_describes_the_file_and_pipelined_ranges_come_back_in_order()
    {
        var content = TestData.Bytes((3 * 256 * 1024) + 5, seed: 21);
        _share.Write("f.bin", content);
        await using var server = await StartAsync();
        var version = Hex(SHA256.HashData(content));

        var manifest = await ExchangeAsync(server, Fields("GET_MANIFEST", "f.bin"));
        var blocks = string.Concat(Enumerable.Range(0, 4).Select(i =>
            Hex(SHA256.HashData(content.AsSpan(i * 262144, Math.Min(262144, content.Length - (i * 262144))))) + "|"));
        var expected = $"0|{content.Length}|{256 * 1024}|{version}|4|{blocks}".Replace('|', '\0');
        Assert.Equal(expected, Encoding.ASCII.GetString(manifest));

        // Three ranges in one write: three replies, in order, then the server waits for more (the client closes).
        var reply = await ExchangeAsync(server, [
            .. Fields("GET_RANGE", "f.bin", version, "262144", "10"),
            .. Fields("GET_RANGE", "f.bin", version, "0", "3"),
            .. Fields("GET_RANGE", "f.bin", version, (content.Length - 5).ToString(System.Globalization.CultureInfo.InvariantCulture), "5")],
            closeAfterSending: true);
        Assert.Equal([.. "0\0"u8, .. content.AsSpan(262144, 10), .. "0\0"u8, .. content.AsSpan(0, 3), .. "0\0"u8, .. content.AsSpan(content.Length - 5)], reply);
    }

    [Theory]
    [InlineData("GET_MANIFEST|../secret.txt|", "2|")]
    [InlineData("GET_MANIFEST|/etc/passwd|", "2|")]
    [InlineData("GET_MANIFEST|missing.bin|", "1|")]
    [InlineData("GET_RANGE|../secret.txt|{v}|0|1|", "2|")]
    [InlineData("GET_RANGE|f.bin|{v}|0|2000|", "2|")] // past the end
    [InlineData("GET_RANGE|f.bin|{v}|1000|1|", "2|")] // starts at the end
    [InlineData("GET_RANGE|f.bin|{v}|99999999999999999|1|", "2|")] // absurd offset
    [InlineData("GET_RANGE|f.bin|{v}|9223372036854775807|1|", "2|")] // offset + length wraps past long.MaxValue (found by the property tests)
    [InlineData("GET_RANGE|f.bin|{v}|9223372036837998593|16777216|", "2|")] // the same with the longest range
    [InlineData("GET_RANGE|f.bin|{v}|0|99999999|", "2|")] // longer than any range
    [InlineData("GET_RANGE|f.bin|{v}|0|0|", "2|")] // empty range
    [InlineData("GET_RANGE|f.bin|{other}|0|1|", "3|")] // another version
    [InlineData("GET_MANIFEST|f.bin|GET_FILE|f.bin|", null)] // GET_FILE cannot follow: manifest, then 2
    public async Task Refused_requests_get_a_code_and_the_connection_ends(string request, string? reply)
    {
        var content = TestData.Bytes(1000, seed: 22);
        _share.Write("f.bin", content);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_share.Path)!, "secret.txt"), "secret");
        await using var server = await StartAsync();
        reply = reply?.Replace('|', '\0');
        var text = request.Replace('|', '\0')
            .Replace("{v}", Hex(SHA256.HashData(content)), StringComparison.Ordinal)
            .Replace("{other}", new string('0', 64), StringComparison.Ordinal);

        var answer = Encoding.ASCII.GetString(await ExchangeAsync(server, Encoding.ASCII.GetBytes(text)));

        if (reply is null)
        {
            Assert.StartsWith("0\0", answer, StringComparison.Ordinal);
            Assert.EndsWith("\u00002\0", answer, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(reply, answer);
        }

        Assert.DoesNotContain("secret", answer, StringComparison.Ordinal);
        Assert.Equal(content, await ExchangeGetFileAsync(server)); // still serving
    }

    [Fact]
    public async Task A_classic_peer_that_only_speaks_GET_FILE_serves_as_a_whole_file_source()
    {
        var content = TestData.Bytes(3 * 1024 * 1024, seed: 23);
        _share.Write("f.bin", content);
        await using var modern = await StartAsync();
        await using var classic = await ScriptedServer.StartAsync(_network.Transport, async (connection, stopping) =>
        {
            var request = Encoding.ASCII.GetString(await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, stopping));
            if (request.StartsWith("GET_FILE\0", StringComparison.Ordinal))
            {
                // A classic C peer: one raw byte for the code, a size prefix, then the file.
                await connection.Stream.WriteAsync(new byte[] { 0 }, stopping);
                await connection.Stream.WriteAsync(Encoding.ASCII.GetBytes($"{content.Length}\0"), stopping);
                await connection.Stream.WriteAsync(content, stopping);
            }
            else
            {
                await connection.Stream.WriteAsync(new byte[] { 2 }, stopping); // unknown operation
            }

            await connection.DisposeAsync();
        });

        var result = await new MultiSourceDownloader(_network.Transport).DownloadAsync(
            "f.bin", [new DownloadSource("classic", classic.EndPoint), new DownloadSource("modern", modern.EndPoint)],
            _downloads["copy.bin"], null, TestData.Timeout());

        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        Assert.True(result.Sources[0].WholeFileOnly);
        Assert.Equal(content.Length, result.Sources.Sum(s => s.Bytes));
    }

    [Fact]
    public async Task With_only_classic_peers_the_whole_file_comes_by_GET_FILE()
    {
        var content = TestData.Bytes(300_000, seed: 24);
        await using var classic = await ScriptedServer.StartAsync(_network.Transport, async (connection, stopping) =>
        {
            var request = Encoding.ASCII.GetString(await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, stopping));
            await connection.Stream.WriteAsync(request.StartsWith("GET_FILE\0", StringComparison.Ordinal) ? [(byte)'0', .. content] : "2"u8.ToArray(), stopping);
            await connection.DisposeAsync();
        });

        var result = await new MultiSourceDownloader(_network.Transport).DownloadAsync(
            "f.bin", [new DownloadSource("classic", classic.EndPoint)], _downloads["copy.bin"], null, TestData.Timeout());

        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["copy.bin"]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), result.Sha256);
        Assert.True(Assert.Single(result.Sources).WholeFileOnly);
    }

    private Task<RunningServer<FileServer>> StartAsync() =>
        FileServerHost.StartAsync(_network.Transport, TestNetwork.AnyPort, new FileServerOptions(_share.Path));

    private async Task<byte[]> ExchangeAsync(RunningServer<FileServer> server, byte[] request, bool closeAfterSending = true)
    {
        await using var connection = await _network.Transport.ConnectAsync(server.EndPoint);
        await connection.Stream.WriteAsync(request);
        if (closeAfterSending)
        {
            connection.ShutdownOutput();
        }

        using var received = new MemoryStream();
        await connection.Stream.CopyToAsync(received, TestData.Timeout());
        return received.ToArray();
    }

    private async Task<byte[]> ExchangeGetFileAsync(RunningServer<FileServer> server)
    {
        var reply = await ExchangeAsync(server, Fields("GET_FILE", "f.bin"));
        return reply[2..];
    }

    private static byte[] Fields(params string[] fields) => Encoding.ASCII.GetBytes(string.Concat(fields.Select(f => f + "\0")));

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);
}
