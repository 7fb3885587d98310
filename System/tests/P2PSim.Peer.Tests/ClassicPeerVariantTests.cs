using Microsoft.Extensions.Time.Testing;
using P2PSim.Peer.Downloads;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests;

/// <summary>
/// The downloader against scripted fake peers: the reply variants classic peers send, and peers that fail
/// mid-transfer. Whatever happens, a download that does not complete leaves no file (spec §3).
/// </summary>
public sealed class ClassicPeerVariantTests : IDisposable
{
    private readonly TempFolder _downloads = new();
    private readonly TestNetwork _network = TestNetwork.Create(TransportKind.InMemory);

    public void Dispose() => _downloads.Dispose();

    public static TheoryData<string, byte[], byte[]> SuccessfulReplies => new()
    {
        { "ascii code", [.. "0\0"u8, .. "content"u8], "content"u8.ToArray() },
        { "raw byte code", [0, .. "content"u8], "content"u8.ToArray() },
        { "lone digit code", [.. "0"u8, .. "content"u8], "content"u8.ToArray() },
        { "lone digit code, digits first", [.. "0"u8, .. "42 is the answer"u8], "42 is the answer"u8.ToArray() },
        { "raw byte code, empty file", [0], [] },
        { "lone digit code, empty file", [.. "0"u8], [] },
        { "ascii code + size prefix", [.. "0\0"u8, .. "7\0"u8, .. "content"u8], "content"u8.ToArray() },
        { "raw byte code + size prefix", [0, .. "7\0"u8, .. "content"u8], "content"u8.ToArray() },
        { "lone digit code + size prefix", [.. "0"u8, .. "7\0"u8, .. "content"u8], "content"u8.ToArray() },
        { "size prefix of an empty file", [.. "0\0"u8, .. "0\0"u8], [] },
        { "size prefix + trailing NUL", [.. "0\0"u8, .. "7\0"u8, .. "content"u8, 0], "content"u8.ToArray() },
        { "raw byte code + size prefix + trailing NUL", [0, .. "7\0"u8, .. "content"u8, 0], "content"u8.ToArray() },
        { "size prefix + trailing NUL, content ending in NUL", [.. "0\0"u8, .. "3\0"u8, .. "ab\0"u8, 0], "ab\0"u8.ToArray() },
        { "size prefix of an empty file + trailing NUL", [.. "0\0"u8, .. "0\0"u8, 0], [] },
        { "a file that is only digits", [.. "0\0"u8, .. "12345"u8], "12345"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(SuccessfulReplies))]
    public async Task Classic_reply_variants_give_the_exact_content(string variant, byte[] reply, byte[] content)
    {
        _ = variant;
        await using var peer = await PeerAsync(async (c, ct) => await c.Stream.WriteAsync(reply, ct));

        var result = await Download(peer.EndPoint, "f");

        Assert.Equal(new DownloadResult(0, content.Length), result);
        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["f"]));
        Assert.Equal(["f"], _downloads.FileNames);
    }

    [Fact]
    public async Task A_size_prefixed_multi_MiB_file_is_stripped_of_its_prefix()
    {
        var content = TestData.Bytes((3 * 1024 * 1024) + 17, seed: 5);
        await using var peer = await PeerAsync(async (c, ct) =>
        {
            await c.Stream.WriteAsync(Wire.Fields("0", content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
            for (var offset = 0; offset < content.Length; offset += 10_000)
            {
                await c.Stream.WriteAsync(content.AsMemory(offset, Math.Min(10_000, content.Length - offset)), ct);
            }
        });

        var result = await Download(peer.EndPoint, "big");

        Assert.Equal(content.Length, result.Bytes);
        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["big"]));
    }

    [Fact]
    public async Task The_code_and_content_may_arrive_one_byte_at_a_time()
    {
        byte[] reply = [.. "0"u8, .. "5\0"u8, .. "hello"u8];
        await using var peer = await PeerAsync(async (c, ct) =>
        {
            foreach (var b in reply)
            {
                await c.Stream.WriteAsync(new[] { b }, ct);
                await Task.Delay(1, ct);
            }
        });

        Assert.Equal(0, (await Download(peer.EndPoint, "f")).Code);
        Assert.Equal("hello"u8.ToArray(), await File.ReadAllBytesAsync(_downloads["f"]));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'1', 0 }, 1)]
    [InlineData(new byte[] { 1 }, 1)]
    [InlineData(new byte[] { (byte)'1' }, 1)]
    [InlineData(new byte[] { (byte)'2', 0 }, 2)]
    [InlineData(new byte[] { 2 }, 2)]
    [InlineData(new byte[] { (byte)'2' }, 2)]
    [InlineData(new byte[] { (byte)'-', (byte)'1', 0 }, -1)]
    public async Task Refusals_in_every_encoding_leave_no_file(byte[] reply, int code)
    {
        await using var peer = await PeerAsync(async (c, ct) => await c.Stream.WriteAsync(reply, ct));

        Assert.Equal(new DownloadResult(code, 0), await Download(peer.EndPoint, "f"));
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task The_request_is_the_classic_one()
    {
        var received = new TaskCompletionSource<byte[]>();
        await using var peer = await ScriptedServer.StartAsync(_network.Transport, async (c, ct) =>
        {
            received.TrySetResult(await ScriptedServer.ReadFieldsAsync(c.Stream, 2, ct));
            await c.Stream.WriteAsync(new byte[] { 1 }, ct);
        });

        await Download(peer.EndPoint, "some file.txt");

        Assert.Equal(Wire.Fields("GET_FILE", "some file.txt"), await received.Task);
    }

    [Fact]
    public async Task A_peer_that_resets_mid_transfer_leaves_no_file()
    {
        await using var peer = await PeerAsync(async (c, ct) =>
        {
            await c.Stream.WriteAsync(Reply(TestData.Bytes(200_000)), ct);
            c.Abort();
        });

        await Assert.ThrowsAsync<TransferFailedException>(() => Download(peer.EndPoint, "f"));
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task A_peer_that_goes_silent_mid_transfer_times_out_and_leaves_no_file()
    {
        await using var peer = await PeerAsync(async (c, ct) =>
        {
            await c.Stream.WriteAsync(Reply(TestData.Bytes(1000)), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var downloader = new FileDownloader(_network.Transport, idleTimeout: TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<TransferFailedException>(() =>
            downloader.DownloadAsync(peer.EndPoint, "f", _downloads["f"], TestData.Timeout()));

        Assert.Contains("nothing arrived for 0.2 s", error.Message, StringComparison.Ordinal);
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task The_idle_timeout_runs_on_the_injected_clock()
    {
        await using var peer = await PeerAsync(async (c, ct) =>
        {
            await c.Stream.WriteAsync(Reply(TestData.Bytes(1000)), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var clock = new FakeTimeProvider();
        var downloader = new FileDownloader(_network.Transport, idleTimeout: TimeSpan.FromSeconds(30), timeProvider: clock);

        var download = downloader.DownloadAsync(peer.EndPoint, "f", _downloads["f"], TestData.Timeout());
        await Task.Delay(100);
        Assert.False(download.IsCompleted); // 30 s of the fake clock have not passed, whatever the wall clock says
        while (!download.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(31));
            await Task.WhenAny(new[] { download, Task.Delay(10) });
        }

        await Assert.ThrowsAsync<TransferFailedException>(() => download);
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task A_cancelled_download_leaves_no_file()
    {
        await using var peer = await PeerAsync(async (c, ct) =>
        {
            await c.Stream.WriteAsync(Reply(TestData.Bytes(1000)), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new FileDownloader(_network.Transport).DownloadAsync(peer.EndPoint, "f", _downloads["f"], cancel.Token));
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task A_peer_that_closes_without_a_reply_or_with_garbage_is_a_failure()
    {
        await using var silentClose = await PeerAsync((c, ct) => Task.CompletedTask);
        await using var garbage = await PeerAsync(async (c, ct) => await c.Stream.WriteAsync("HTTP/1.1 400"u8.ToArray(), ct));

        await Assert.ThrowsAsync<TransferFailedException>(() => Download(silentClose.EndPoint, "f"));
        await Assert.ThrowsAsync<TransferFailedException>(() => Download(garbage.EndPoint, "f"));
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task A_local_folder_that_does_not_exist_is_a_local_error_not_a_peer_failure()
    {
        await using var peer = await PeerAsync(async (c, ct) => await c.Stream.WriteAsync("0\0x"u8.ToArray(), ct));

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            new FileDownloader(_network.Transport).DownloadAsync(peer.EndPoint, "f", _downloads[Path.Combine("no", "f")], TestData.Timeout()));
    }

    /// <summary>Code 0 in ASCII, then <paramref name="content"/>.</summary>
    private static byte[] Reply(byte[] content) => [.. "0\0"u8, .. content];

    private Task<ScriptedServer> PeerAsync(Func<IConnection, CancellationToken, Task> reply) =>
        ScriptedServer.StartAsync(_network.Transport, async (c, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(c.Stream, 2, ct);
            await reply(c, ct);
        });

    private Task<DownloadResult> Download(TransportEndPoint peer, string name) =>
        new FileDownloader(_network.Transport).DownloadAsync(peer, name, _downloads[name == "some file.txt" ? "x" : name], TestData.Timeout());
}
