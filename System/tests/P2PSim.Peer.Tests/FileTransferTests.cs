using P2PSim.Peer.Downloads;
using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol;
using P2PSim.TestKit;
using P2PSim.Transport.Hosting;

namespace P2PSim.Peer.Tests;

/// <summary>The real <see cref="FileServer"/> and <see cref="FileDownloader"/> against each other.</summary>
public sealed class FileTransferTests : IDisposable
{
    private readonly TempFolder _share = new();
    private readonly TempFolder _downloads = new();

    public void Dispose()
    {
        _share.Dispose();
        _downloads.Dispose();
    }

    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task Files_arrive_byte_identical_small_empty_and_multi_MiB(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        var files = new Dictionary<string, byte[]>
        {
            ["hello.txt"] = "hello, peer\n"u8.ToArray(),
            ["empty.bin"] = [],
            ["big.bin"] = TestData.Bytes((5 * 1024 * 1024) + 123),
        };
        foreach (var (name, content) in files)
        {
            _share.Write(name, content);
        }

        await using var server = await StartServerAsync(network);
        var downloader = new FileDownloader(network.Transport);
        foreach (var (name, content) in files)
        {
            var target = _downloads["copy-" + name];
            var result = await downloader.DownloadAsync(server.EndPoint, name, target, TestData.Timeout());

            Assert.Equal(new DownloadResult(0, content.Length), result);
            Assert.Equal(content, await File.ReadAllBytesAsync(target));
        }

        Assert.Equal(files.Keys.Select(n => "copy-" + n).Order(StringComparer.Ordinal), _downloads.FileNames);
    }

    [Fact]
    public async Task A_shared_file_that_starts_with_digits_and_a_NUL_fails_loudly_rather_than_being_cut()
    {
        // The file server sends raw content, and "12\0" + 100 bytes reads as a size prefix of 12 with 100 bytes
        // after it: a long reply. The documented limit of the exact rule (docs/protocol.md §6.2): a failure, no file.
        var network = TestNetwork.Create(TransportKind.Tcp);
        _share.Write("digits.bin", [.. "12\0"u8, .. TestData.Bytes(100)]);
        await using var server = await StartServerAsync(network);

        var error = await Assert.ThrowsAsync<TransferFailedException>(() =>
            new FileDownloader(network.Transport).DownloadAsync(server.EndPoint, "digits.bin", _downloads["digits.bin"], TestData.Timeout()));

        Assert.Contains("announced 12 bytes but more followed", error.Message, StringComparison.Ordinal);
        Assert.Empty(_downloads.FileNames);
    }

    [Theory]
    [InlineData(ResultEncoding.Ascii)]
    [InlineData(ResultEncoding.Byte)]
    [InlineData(ResultEncoding.Char)]
    public async Task Every_server_encoding_is_understood_by_the_downloader(ResultEncoding encoding)
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var content = TestData.Bytes(70_000, seed: 7);
        content[0] = (byte)'5'; // a digit right after the code: the lone-digit case must not swallow it
        _share.Write("a.bin", content);
        await using var server = await StartServerAsync(network, o => o with { ResultEncoding = encoding });
        var downloader = new FileDownloader(network.Transport);

        var ok = await downloader.DownloadAsync(server.EndPoint, "a.bin", _downloads["a.bin"], TestData.Timeout());
        var missing = await downloader.DownloadAsync(server.EndPoint, "nope.bin", _downloads["nope.bin"], TestData.Timeout());
        var refused = await downloader.DownloadAsync(server.EndPoint, "../a.bin", _downloads["refused.bin"], TestData.Timeout());

        Assert.Equal(0, ok.Code);
        Assert.Equal(content, await File.ReadAllBytesAsync(_downloads["a.bin"]));
        Assert.Equal(1, missing.Code);
        Assert.Equal(2, refused.Code);
        Assert.Equal(["a.bin"], _downloads.FileNames);
    }

    [Fact]
    public async Task A_missing_file_answers_1_and_leaves_no_local_file()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await StartServerAsync(network);

        var result = await new FileDownloader(network.Transport).DownloadAsync(server.EndPoint, "missing.txt", _downloads["x.txt"], TestData.Timeout());

        Assert.Equal(new DownloadResult(1, 0), result);
        Assert.Empty(_downloads.FileNames);
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("..\\secret.txt")]
    [InlineData("sub/secret.txt")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("ABSOLUTE")]
    public async Task Unsafe_names_are_refused_with_2(string name)
    {
        using var outside = new TempFolder();
        outside.Write("secret.txt", "top secret"u8.ToArray());
        Directory.CreateDirectory(_share["sub"]);
        _share.Write(Path.Combine("sub", "secret.txt"), "nested"u8.ToArray());
        var requested = name == "ABSOLUTE" ? outside["secret.txt"] : name;
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await StartServerAsync(network);

        var result = await new FileDownloader(network.Transport).DownloadAsync(server.EndPoint, requested, _downloads["x"], TestData.Timeout());

        Assert.Equal(2, result.Code);
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task A_link_pointing_outside_the_share_is_refused()
    {
        using var outside = new TempFolder();
        var secret = outside.Write("secret.txt", "top secret"u8.ToArray());
        _share.Write("inside.txt", "fine"u8.ToArray());
        try
        {
            File.CreateSymbolicLink(_share["escape.txt"], secret);
            File.CreateSymbolicLink(_share["alias.txt"], _share["inside.txt"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return; // no symbolic links here (Windows without the privilege): nothing to escape through
        }

        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await StartServerAsync(network);
        var downloader = new FileDownloader(network.Transport);

        Assert.Equal(2, (await downloader.DownloadAsync(server.EndPoint, "escape.txt", _downloads["e"], TestData.Timeout())).Code);
        Assert.Equal(0, (await downloader.DownloadAsync(server.EndPoint, "alias.txt", _downloads["a"], TestData.Timeout())).Code);
        Assert.Equal("fine"u8.ToArray(), await File.ReadAllBytesAsync(_downloads["a"]));
    }

    [Fact]
    public async Task A_folder_inside_the_share_is_not_a_file()
    {
        Directory.CreateDirectory(_share["folder"]);
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await StartServerAsync(network);

        var result = await new FileDownloader(network.Transport).DownloadAsync(server.EndPoint, "folder", _downloads["x"], TestData.Timeout());

        Assert.Equal(1, result.Code);
    }

    [Fact]
    public async Task A_successful_download_replaces_an_existing_file_and_a_failed_one_keeps_it()
    {
        _share.Write("new.txt", "new content"u8.ToArray());
        _downloads.Write("target.txt", "old content"u8.ToArray());
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await StartServerAsync(network);
        var downloader = new FileDownloader(network.Transport);

        await downloader.DownloadAsync(server.EndPoint, "missing.txt", _downloads["target.txt"], TestData.Timeout());
        Assert.Equal("old content"u8.ToArray(), await File.ReadAllBytesAsync(_downloads["target.txt"]));

        await downloader.DownloadAsync(server.EndPoint, "new.txt", _downloads["target.txt"], TestData.Timeout());
        Assert.Equal("new content"u8.ToArray(), await File.ReadAllBytesAsync(_downloads["target.txt"]));
        Assert.Equal(["target.txt"], _downloads.FileNames);
    }

    [Fact]
    public async Task A_peer_that_is_not_running_is_a_transfer_failure()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var nowhere = await network.UnusedEndPointAsync();

        var error = await Assert.ThrowsAsync<TransferFailedException>(() =>
            new FileDownloader(network.Transport).DownloadAsync(nowhere, "a.txt", _downloads["a.txt"], TestData.Timeout()));

        Assert.Contains(nowhere.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(nowhere, error.Peer);
        Assert.Equal("a.txt", error.FileName);
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task Stopping_the_server_cuts_running_transfers_with_a_reset()
    {
        _share.Write("big.bin", TestData.Bytes(4 * 1024 * 1024));
        var network = TestNetwork.Create(TransportKind.InMemory);
        var server = await StartServerAsync(network);

        // A client that reads the first bytes and then stops reading: the server blocks writing to it.
        await using var connection = await network.Transport.ConnectAsync(server.EndPoint);
        await connection.Stream.WriteAsync(Wire.Fields("GET_FILE", "big.bin"));
        Assert.True(await connection.Stream.ReadAsync(new byte[16]) > 0);
        await server.DisposeAsync();

        // A reset, never a clean end of stream that would make a short file look complete.
        await Assert.ThrowsAsync<IOException>(async () =>
        {
            var buffer = new byte[64 * 1024];
            while (await connection.Stream.ReadAsync(buffer, TestData.Timeout(5)) > 0)
            {
            }
        });
    }

    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task Bad_requests_get_2_and_the_server_keeps_serving(TransportKind kind)
    {
        _share.Write("a.txt", "A"u8.ToArray());
        var network = TestNetwork.Create(kind);
        await using var server = await StartServerAsync(network);

        Assert.Equal("2\0"u8.ToArray(), await RawExchangeAsync(network, server, Wire.Fields("HELLO", "a.txt")));
        Assert.Equal("2\0"u8.ToArray(), await RawExchangeAsync(network, server, Wire.Fields("GET_FILE", new string('x', 300))));
        Assert.Equal("2\0"u8.ToArray(), await RawExchangeAsync(network, server, [.. "GET_FILE\0"u8, 0xC3, 0x28, 0]));
        Assert.Equal("2\0"u8.ToArray(), await RawExchangeAsync(network, server, TestData.Bytes(5000, seed: 3)));
        Assert.Empty(await RawExchangeAsync(network, server, "GET_FI"u8.ToArray(), closeAfterSending: true));
        Assert.Equal("0\0A"u8.ToArray(), await RawExchangeAsync(network, server, Wire.Fields("GET_FILE", "a.txt")));
        Assert.Equal("0\0A"u8.ToArray(), await RawExchangeAsync(network, server, [.. "GET_FILE\na.txt\n"u8]));

        // Bytes after the request are drained, not left to turn the close into a reset that eats the reply.
        var big = TestData.Bytes(200_000, seed: 4);
        _share.Write("big.bin", big);
        byte[] expected = [.. "0\0"u8, .. big];
        Assert.Equal(expected, await RawExchangeAsync(network, server, [.. Wire.Fields("GET_FILE", "big.bin"), .. TestData.Bytes(20_000)]));
    }

    [Fact]
    public async Task A_silent_client_is_dropped_after_the_request_timeout()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await StartServerAsync(network, o => o with { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        await using var connection = await network.Transport.ConnectAsync(server.EndPoint);
        await connection.Stream.WriteAsync("GET_FILE\0"u8.ToArray());

        var ended = await ReadToEndOrResetAsync(connection.Stream);

        Assert.True(ended);
        await Poll.UntilAsync(() => server.Server.ActiveConnections == 0, "no connection open");
    }

    [Fact]
    public async Task Connections_over_the_limit_are_shed_and_service_resumes()
    {
        _share.Write("a.txt", "A"u8.ToArray());
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await StartServerAsync(network, o => o with { MaxConnections = 1 });
        var downloader = new FileDownloader(network.Transport);
        await using (var holder = await network.Transport.ConnectAsync(server.EndPoint))
        {
            // Only a connection that has sent a request takes the slot: a manifest request keeps it open and served.
            await holder.Stream.WriteAsync(Wire.Fields("GET_MANIFEST", "a.txt"));
            await Poll.UntilAsync(() => server.Server.ActiveConnections == 1, "the held connection served");

            await Assert.ThrowsAsync<TransferFailedException>(() =>
                downloader.DownloadAsync(server.EndPoint, "a.txt", _downloads["a.txt"], TestData.Timeout()));
        }

        await Poll.UntilAsync(() => server.Server.ActiveConnections == 0, "no connection open");
        Assert.Equal(0, (await downloader.DownloadAsync(server.EndPoint, "a.txt", _downloads["a.txt"], TestData.Timeout())).Code);
    }

    [Fact]
    public async Task Many_concurrent_downloads_all_complete()
    {
        var content = TestData.Bytes(300_000, seed: 9);
        _share.Write("shared.bin", content);
        var network = TestNetwork.Create(TransportKind.Tcp);
        await using var server = await StartServerAsync(network);
        var downloader = new FileDownloader(network.Transport);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            downloader.DownloadAsync(server.EndPoint, "shared.bin", _downloads[$"copy{i}.bin"], TestData.Timeout())).ToArray());

        Assert.All(results, r => Assert.Equal(new DownloadResult(0, content.Length), r));
        Assert.All(_downloads.FileNames, f => Assert.Equal(content, File.ReadAllBytes(_downloads[f])));
    }

    private Task<RunningServer<FileServer>> StartServerAsync(TestNetwork network, Func<FileServerOptions, FileServerOptions>? configure = null)
    {
        var options = new FileServerOptions(_share.Path);
        return FileServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, configure?.Invoke(options) ?? options);
    }

    /// <summary>Sends raw bytes to the server and returns everything it answers before closing.</summary>
    private static async Task<byte[]> RawExchangeAsync(TestNetwork network, RunningServer<FileServer> server, byte[] request, bool closeAfterSending = false)
    {
        await using var connection = await network.Transport.ConnectAsync(server.EndPoint);
        await connection.Stream.WriteAsync(request);
        if (closeAfterSending)
        {
            await connection.DisposeAsync();
            return [];
        }

        using var received = new MemoryStream();
        await connection.Stream.CopyToAsync(received, TestData.Timeout());
        return received.ToArray();
    }

    // The surrogate is passed as a number: xUnit serializes string theory data as UTF-8, which would turn it into U+FFFD.
    [Theory]
    [InlineData("lone", 0xD800, "")]
    [InlineData("", 0xDC00, "lone")]
    [InlineData("a", 0xDFFF, "b")]
    public async Task A_name_with_a_lone_surrogate_is_refused_before_anything_is_sent(string before, int surrogate, string after)
    {
        var name = before + (char)surrogate + after;
        // It has no UTF-8 form: encoded as U+FFFD, "a\ud800" and "a\udc00" would fetch the same file.
        var network = TestNetwork.Create(TransportKind.InMemory);
        _share.Write("lone\ufffd", "the wrong file"u8.ToArray());
        await using var server = await StartServerAsync(network);
        var target = _downloads["copy"];

        var refusal = await Assert.ThrowsAsync<ArgumentException>(
            () => new FileDownloader(network.Transport).DownloadAsync(server.EndPoint, name, target, TestData.Timeout()));

        Assert.Contains("file name", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("lone surrogate", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_downloads.FileNames);
        Assert.Equal(0, server.Server.ActiveConnections);
    }

    private static async Task<bool> ReadToEndOrResetAsync(Stream stream)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, TestData.Timeout(5)) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
