using Microsoft.Extensions.Time.Testing;
using P2PSim.Peer.Downloads;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests;

/// <summary>
/// The GET_FILE downloader's edges that the reply variants do not reach: names it will not send, local targets it
/// cannot use, where its temporary file lives, failures before any reply, what it tells its logger and its peer.
/// </summary>
public sealed class FileDownloaderEdgeTests : IDisposable
{
    private readonly TempFolder _downloads = new();
    private readonly TestNetwork _network = TestNetwork.Create(TransportKind.InMemory);

    public void Dispose() => _downloads.Dispose();

    [Theory]
    [InlineData("\0at the start")]
    [InlineData("\nat the start")]
    [InlineData("in\0the middle")]
    [InlineData("at the end\n")]
    public async Task A_name_with_a_NUL_or_newline_is_refused_before_the_peer_is_contacted(string name)
    {
        await using var peer = await ScriptedServer.StartAsync(_network.Transport, (c, ct) => c.Stream.WriteAsync(new byte[] { 1 }, ct).AsTask());

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new FileDownloader(_network.Transport).DownloadAsync(peer.EndPoint, name, _downloads["x"], TestData.Timeout()));

        Assert.Equal("remoteName", error.ParamName);
        Assert.Equal(0, peer.Accepted);
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task A_target_that_is_a_folder_is_refused_before_any_content_is_read()
    {
        // The peer answers 0 and then keeps the connection open: only a check made before reading the content can
        // end this download before the test's own deadline.
        await using var peer = await ScriptedServer.StartAsync(_network.Transport, async (c, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(c.Stream, 2, ct);
            await c.Stream.WriteAsync("0\0content"u8.ToArray(), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var folder = _downloads["folder"];
        Directory.CreateDirectory(folder);
        var downloader = new FileDownloader(_network.Transport, timeProvider: new FakeTimeProvider());

        await Assert.ThrowsAsync<IOException>(() => downloader.DownloadAsync(peer.EndPoint, "f", folder, TestData.Timeout(10)));

        Assert.True(Directory.Exists(folder));
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task The_temporary_file_is_hidden_beside_the_target_until_the_transfer_ends()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = await ScriptedServer.StartAsync(_network.Transport, async (c, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(c.Stream, 2, ct);
            await c.Stream.WriteAsync("0\0first part"u8.ToArray(), ct);
            await release.Task.WaitAsync(ct);
            await c.Stream.WriteAsync(", second part"u8.ToArray(), ct);
        });

        var download = new FileDownloader(_network.Transport).DownloadAsync(peer.EndPoint, "f", _downloads["copy.txt"], TestData.Timeout());
        await Poll.UntilAsync(() => _downloads.FileNames.Count == 1, "the temporary file in the target's folder");
        var temporary = Assert.Single(_downloads.FileNames);
        release.SetResult();
        var result = await download;

        Assert.StartsWith(".copy.txt.", temporary, StringComparison.Ordinal);
        Assert.EndsWith(".part", temporary, StringComparison.Ordinal);
        Assert.Equal(new DownloadResult(0, 23), result);
        Assert.Equal(["copy.txt"], _downloads.FileNames);
    }

    [Fact]
    public async Task A_target_name_near_the_file_system_limit_still_downloads()
    {
        // 250 bytes: the temporary name (a dot, the name, the process id, a counter, ".part") only fits because the
        // name is shortened in it.
        var name = new string('n', 246) + ".bin";
        await using var peer = await PeerAsync("0\0content"u8.ToArray());

        var result = await new FileDownloader(_network.Transport).DownloadAsync(peer.EndPoint, "f", _downloads[name], TestData.Timeout());

        Assert.Equal(new DownloadResult(0, 7), result);
        Assert.Equal([name], _downloads.FileNames);
    }

    [Fact]
    public async Task A_buffer_smaller_than_the_reply_head_still_gives_the_exact_content()
    {
        var content = TestData.Bytes(5000, seed: 5);
        await using var peer = await PeerAsync([.. "0\0"u8, .. "5000\0"u8, .. content]);
        var downloader = new FileDownloader(_network.Transport) { BufferSize = 1 };

        var result = await downloader.DownloadAsync(peer.EndPoint, "f", _downloads["f"], TestData.Timeout());

        Assert.Equal(new DownloadResult(0, content.Length), result);
        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["f"]));
    }

    [Fact]
    public async Task The_given_logger_hears_each_download_and_only_a_real_size_prefix_is_reported_stripped()
    {
        await using var plain = await PeerAsync("0\0content"u8.ToArray());
        await using var prefixed = await PeerAsync([.. "0\0"u8, .. "7\0"u8, .. "content"u8]);
        var plainLog = new CapturingLogger();
        var prefixedLog = new CapturingLogger();

        await new FileDownloader(_network.Transport, logger: plainLog).DownloadAsync(plain.EndPoint, "f", _downloads["a"], TestData.Timeout());
        await new FileDownloader(_network.Transport, logger: prefixedLog).DownloadAsync(prefixed.EndPoint, "f", _downloads["b"], TestData.Timeout());

        Assert.Equal([Downloaded], plainLog.Events);
        Assert.Equal([SizePrefixStripped, Downloaded], prefixedLog.Events);
    }

    [Fact]
    public async Task A_dropped_trailing_NUL_is_reported_and_a_refused_reply_logs_no_download()
    {
        await using var trailing = await PeerAsync([.. "0\0"u8, .. "7\0"u8, .. "content"u8, 0]);
        await using var shortReply = await PeerAsync([.. "0\0"u8, .. "9\0"u8, .. "content"u8]);
        var trailingLog = new CapturingLogger();
        var shortLog = new CapturingLogger();

        await new FileDownloader(_network.Transport, logger: trailingLog).DownloadAsync(trailing.EndPoint, "f", _downloads["a"], TestData.Timeout());
        await Assert.ThrowsAsync<TransferFailedException>(() =>
            new FileDownloader(_network.Transport, logger: shortLog).DownloadAsync(shortReply.EndPoint, "f", _downloads["b"], TestData.Timeout()));

        Assert.Equal([SizePrefixStripped, TrailingNulDropped, Downloaded], trailingLog.Events);
        Assert.Empty(shortLog.Events);
        Assert.Equal(["a"], _downloads.FileNames);
    }

    [Fact]
    public async Task A_reset_before_the_reply_is_a_transfer_failure_caused_by_the_reset()
    {
        await using var peer = await ScriptedServer.StartAsync(_network.Transport, async (c, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(c.Stream, 2, ct);
            c.Abort();
        });

        var error = await Assert.ThrowsAsync<TransferFailedException>(() =>
            new FileDownloader(_network.Transport).DownloadAsync(peer.EndPoint, "f", _downloads["f"], TestData.Timeout()));

        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task A_reply_that_is_no_result_code_is_a_failure_caused_by_the_protocol_error()
    {
        await using var garbage = await PeerAsync("HTTP/1.1 400"u8.ToArray());
        await using var silent = await PeerAsync([]);
        var downloader = new FileDownloader(_network.Transport);

        var notAReply = await Assert.ThrowsAsync<TransferFailedException>(() =>
            downloader.DownloadAsync(garbage.EndPoint, "f", _downloads["f"], TestData.Timeout()));
        var noReply = await Assert.ThrowsAsync<TransferFailedException>(() =>
            downloader.DownloadAsync(silent.EndPoint, "f", _downloads["f"], TestData.Timeout()));

        Assert.IsType<ProtocolException>(notAReply.InnerException);
        Assert.Null(noReply.InnerException); // a clean close: nothing went wrong underneath, there was just no reply
    }

    [Fact]
    public async Task After_a_refusal_the_downloader_closes_its_connection()
    {
        var sawEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = await ScriptedServer.StartAsync(_network.Transport, async (c, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(c.Stream, 2, ct);
            await c.Stream.WriteAsync("1\0"u8.ToArray(), ct);
            try
            {
                _ = await c.Stream.ReadAsync(new byte[16], ct); // the end of stream, or a reset
            }
            catch (IOException)
            {
            }

            sawEnd.SetResult();
        });

        var result = await new FileDownloader(_network.Transport).DownloadAsync(peer.EndPoint, "f", _downloads["f"], TestData.Timeout());

        Assert.Equal(new DownloadResult(1, 0), result);
        await Bounded.WaitAsync(sawEnd.Task, TimeSpan.FromSeconds(10), "the peer to see the connection closed");
    }

    [Fact]
    public async Task A_transport_failure_that_is_no_network_failure_is_not_disguised_as_one()
    {
        var bug = new InvalidOperationException("a bug in the transport");
        var spurious = new OperationCanceledException("cancelled by neither the caller nor the idle timeout");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new FileDownloader(new FailingTransport(bug)).DownloadAsync(new("127.0.0.1", 1), "f", _downloads["f"], TestData.Timeout()));
        var cancelled = await Assert.ThrowsAsync<OperationCanceledException>(() =>
            new FileDownloader(new FailingTransport(spurious)).DownloadAsync(new("127.0.0.1", 1), "f", _downloads["f"], TestData.Timeout()));

        Assert.Same(bug, thrown);
        Assert.Same(spurious, cancelled);
        Assert.Empty(_downloads.FileNames);
    }

    private const int Downloaded = 3301;
    private const int SizePrefixStripped = 3302;
    private const int TrailingNulDropped = 3303;

    /// <summary>A transport whose every connection attempt throws <paramref name="failure"/>.</summary>
    private sealed class FailingTransport(Exception failure) : ITransport
    {
        public ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<IConnection>(failure);
    }

    /// <summary>A peer that reads the request, answers <paramref name="reply"/> and closes.</summary>
    private Task<ScriptedServer> PeerAsync(byte[] reply) =>
        ScriptedServer.StartAsync(_network.Transport, async (c, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(c.Stream, 2, ct);
            await c.Stream.WriteAsync(reply, ct);
        });
}
