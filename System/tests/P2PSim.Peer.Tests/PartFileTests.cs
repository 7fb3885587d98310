using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol.Peer;
using P2PSim.TestKit;

namespace P2PSim.Peer.Tests;

/// <summary>
/// The part file of a multi-source download: what an earlier attempt left in it is trusted block by block and only
/// when it verifies, it is cut to the file's size, and it becomes the target only when the whole file verifies. The
/// source is scripted and counts the ranges it is asked for, so what was resumed shows as what was not fetched.
/// </summary>
public sealed class PartFileTests : IAsyncDisposable
{
    private const string FileName = "f.bin";
    private const int Block = 256 * 1024;
    private static readonly byte[] Content = TestData.Bytes((2 * Block) + 5, seed: 41); // three blocks
    private readonly TestNetwork _network = TestNetwork.Create(TransportKind.InMemory);
    private readonly TempFolder _downloads = new();
    private readonly List<long> _ranges = [];
    private ScriptedServer? _source;

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }

        _downloads.Dispose();
    }

    public static TheoryData<string, byte[], int, long[]> LeftOvers => new()
    {
        { "every block", Content, 3, [] },
        { "every block and more", [.. Content, .. TestData.Bytes(1000, seed: 42)], 3, [] },
        { "cut inside block 1", Content[..(Block + 100)], 1, [Block, 2 * Block] },
        { "cut at the end of block 1", Content[..(2 * Block)], 2, [2 * Block] },
        { "block 1 spoiled", Spoiled(Block + 7), 2, [Block] },
        { "empty", [], 0, [0, Block, 2 * Block] },
    };

    [Theory]
    [MemberData(nameof(LeftOvers))]
    public async Task Only_verified_blocks_of_an_earlier_attempt_are_kept_and_the_rest_is_fetched(
        string leftOver, byte[] part, int resumed, long[] fetched)
    {
        _ = leftOver;
        var target = _downloads["copy.bin"];
        await File.WriteAllBytesAsync(target + BlockFile.Suffix, part);

        var result = await DownloadAsync(ScriptedSource.ManifestOf(Content), target);

        Assert.Equal(Content, await File.ReadAllBytesAsync(target));
        Assert.Equal(resumed, result.ResumedBlocks);
        Assert.Equal(fetched, _ranges.Order());
        Assert.Equal(["copy.bin"], _downloads.FileNames);
    }

    [Fact]
    public async Task A_file_already_at_the_target_is_replaced()
    {
        var target = _downloads["copy.bin"];
        await File.WriteAllBytesAsync(target, TestData.Bytes(10, seed: 43));

        await DownloadAsync(ScriptedSource.ManifestOf(Content), target);

        Assert.Equal(Content, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task The_target_folder_is_created_when_it_does_not_exist()
    {
        var target = Path.Combine(_downloads.Path, "new", "folder", "copy.bin");

        await DownloadAsync(ScriptedSource.ManifestOf(Content), target);

        Assert.Equal(Content, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Blocks_that_verify_against_a_manifest_whose_whole_file_digest_does_not_leave_no_file()
    {
        var inconsistent = ScriptedSource.ManifestOf(Content) with { FileHash = new byte[32] };
        var target = _downloads["copy.bin"];

        var failure = await Assert.ThrowsAsync<MultiSourceFailedException>(() => DownloadAsync(inconsistent, target));

        Assert.Contains("SHA-256 does not match", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, _ranges.Count);
        Assert.Empty(_downloads.FileNames);
    }

    private async Task<MultiSourceResult> DownloadAsync(FileManifest manifest, string target)
    {
        _source = await ScriptedSource.StartAsync(_network.Transport, (_, request) =>
        {
            if (request is not RangeRequest range)
            {
                return ScriptedSource.ManifestReply(manifest);
            }

            lock (_ranges)
            {
                _ranges.Add(range.Offset);
            }

            return ScriptedSource.RangeReply(Content, range);
        });
        return await new MultiSourceDownloader(_network.Transport).DownloadAsync(
            FileName, [new DownloadSource("scripted", _source.EndPoint)], target, null, TestData.Timeout());
    }

    private static byte[] Spoiled(int at)
    {
        var copy = (byte[])Content.Clone();
        copy[at] ^= 0xFF;
        return copy;
    }
}
