using System.Globalization;
using System.Text;
using P2PSim.Peer.Downloads;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests;

/// <summary>
/// Every shape of a GET_FILE reply a classic peer may send, and the broken ones, over real loopback TCP against a
/// scripted peer that writes exactly those bytes and closes. The property: each ends either in a file identical to
/// the content or in a <see cref="TransferFailedException"/> with no file left behind (docs/protocol.md §6.2).
/// </summary>
public sealed class GetFileReplyShapeTests : IDisposable
{
    private readonly TempFolder _downloads = new();
    private readonly TestNetwork _network = TestNetwork.Create(TransportKind.Tcp);

    public void Dispose() => _downloads.Dispose();

    public enum Shape
    {
        Raw,
        Exact,
        ExactAndNul,
        Short,
        Long,
        LongByOneNotNul,
        TwoNuls,
        SizeLargerThanSent,
    }

    public static TheoryData<Shape, int> Table()
    {
        var data = new TheoryData<Shape, int>();
        foreach (var shape in Enum.GetValues<Shape>())
        {
            foreach (var length in new[] { 0, 1, 5, 70_000 })
            {
                data.Add(shape, length);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task A_reply_of_every_shape_ends_in_an_identical_file_or_a_failure_with_no_file(Shape shape, int length)
    {
        var content = Content(length, seed: length + 1);
        await AssertOutcomeAsync(shape, content, Bytes(shape, content));
    }

    [Fact]
    public async Task Seeded_random_contents_and_shapes_keep_the_property()
    {
        var random = new Random(20261208);
        var shapes = Enum.GetValues<Shape>();
        for (var i = 0; i < 40; i++)
        {
            var shape = shapes[random.Next(shapes.Length)];
            var content = Content(random.Next(0, 3000), seed: random.Next());
            await AssertOutcomeAsync(shape, content, Bytes(shape, content));
        }
    }

    [Fact]
    public async Task A_long_reply_is_refused_without_waiting_for_the_peer_to_close()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = await PeerAsync(async (c, ct) =>
        {
            await c.Stream.WriteAsync("0\05\0hello and much more"u8.ToArray(), ct);
            await release.Task.WaitAsync(ct); // never closes by itself
        });

        var error = await Assert.ThrowsAsync<TransferFailedException>(() =>
            new FileDownloader(_network.Transport).DownloadAsync(peer.EndPoint, "f", _downloads["f"], TestData.Timeout(10)));
        release.SetResult();

        Assert.Contains("announced 5 bytes but more followed (a long reply)", error.Message, StringComparison.Ordinal);
        Assert.Empty(_downloads.FileNames);
    }

    [Fact]
    public async Task A_failed_reply_leaves_an_existing_target_untouched()
    {
        await File.WriteAllTextAsync(_downloads["f"], "the old copy");
        await using var peer = await PeerAsync(async (c, ct) => await c.Stream.WriteAsync("0\0100\0only a few"u8.ToArray(), ct));

        var error = await Assert.ThrowsAsync<TransferFailedException>(() =>
            new FileDownloader(_network.Transport).DownloadAsync(peer.EndPoint, "f", _downloads["f"], TestData.Timeout()));

        Assert.Contains("announced 100 bytes but only 10 arrived before it closed (a short reply)", error.Message, StringComparison.Ordinal);
        Assert.Equal("the old copy", await File.ReadAllTextAsync(_downloads["f"]));
        Assert.Equal(["f"], _downloads.FileNames);
    }

    private async Task AssertOutcomeAsync(Shape shape, byte[] content, byte[] reply)
    {
        var target = _downloads["f"];
        await using var peer = await PeerAsync(async (c, ct) => await c.Stream.WriteAsync(reply, ct));
        var downloader = new FileDownloader(_network.Transport) { BufferSize = 1024 };
        try
        {
            var result = await downloader.DownloadAsync(peer.EndPoint, "f", target, TestData.Timeout());

            Assert.True(Succeeds(shape), $"{shape} of {content.Length} bytes was accepted");
            Assert.Equal(new DownloadResult(0, content.Length), result);
            Assert.Equal(content, await File.ReadAllBytesAsync(target));
            Assert.Equal(["f"], _downloads.FileNames);
            File.Delete(target);
        }
        catch (TransferFailedException)
        {
            Assert.False(Succeeds(shape), $"{shape} of {content.Length} bytes was refused");
            Assert.Empty(_downloads.FileNames);
        }
    }

    private static bool Succeeds(Shape shape) => shape is Shape.Raw or Shape.Exact or Shape.ExactAndNul;

    /// <summary>Random content whose first byte is not a digit, so that a raw reply is never taken for a prefixed one.</summary>
    private static byte[] Content(int length, int seed)
    {
        var content = TestData.Bytes(length, seed);
        if (length > 0 && char.IsAsciiDigit((char)content[0]))
        {
            content[0] = (byte)'x';
        }

        return content;
    }

    private static byte[] Bytes(Shape shape, byte[] content)
    {
        static byte[] Prefix(long size) => Encoding.ASCII.GetBytes(size.ToString(CultureInfo.InvariantCulture) + "\0");
        return shape switch
        {
            Shape.Raw => [.. "0\0"u8, .. content],
            Shape.Exact => [.. "0\0"u8, .. Prefix(content.Length), .. content],
            Shape.ExactAndNul => [.. "0\0"u8, .. Prefix(content.Length), .. content, 0],
            Shape.Short => [.. "0\0"u8, .. Prefix(content.Length + 1), .. content],
            Shape.Long => [.. "0\0"u8, .. Prefix(content.Length), .. content, .. "ab"u8],
            Shape.LongByOneNotNul => [.. "0\0"u8, .. Prefix(content.Length), .. content, (byte)'!'],
            Shape.TwoNuls => [.. "0\0"u8, .. Prefix(content.Length), .. content, 0, 0],
            Shape.SizeLargerThanSent => [.. "0\0"u8, .. Prefix((content.Length * 10L) + 1_000_000), .. content],
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }

    private Task<ScriptedServer> PeerAsync(Func<IConnection, CancellationToken, Task> reply) =>
        ScriptedServer.StartAsync(_network.Transport, async (c, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(c.Stream, 2, ct);
            await reply(c, ct);
        });
}
