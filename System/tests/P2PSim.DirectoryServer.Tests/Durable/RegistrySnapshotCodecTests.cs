using System.Buffers;
using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.DirectoryServer.Tests.Durable;

/// <summary>The snapshot's header, records and trailer: a snapshot is whole or it is refused.</summary>
public sealed class RegistrySnapshotCodecTests
{
    private static readonly RegistrySnapshot Sample = new(
        3, 17, 42, Records.All);

    [Fact]
    public void A_snapshot_round_trips()
    {
        var bytes = Encode(Sample);

        Assert.True(RegistrySnapshotCodec.TryDecode(bytes, out var decoded, out var error), error);
        Assert.Equal((Sample.Generation, Sample.LastSession, Sample.LastAccount), (decoded!.Generation, decoded.LastSession, decoded.LastAccount));
        Assert.Equal(Sample.Records, decoded.Records);
        Assert.True("P2PREG"u8.SequenceEqual(bytes.AsSpan(0, 6)));
    }

    [Fact]
    public void An_empty_snapshot_round_trips()
    {
        Assert.True(RegistrySnapshotCodec.TryDecode(Encode(new RegistrySnapshot(0, 0, 0, [])), out var decoded, out _));
        Assert.Empty(decoded!.Records);
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        var bytes = Encode(new RegistrySnapshot(1, 2, 3, [RegistryRecord.Registered("a"), RegistryRecord.Orphaned("a")]));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(RegistrySnapshotCodec.TryDecode(bytes.AsSpan(0, length), out _, out var error));
            Assert.Contains("truncated", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_single_bit_flip_is_refused()
    {
        var bytes = Encode(new RegistrySnapshot(1, 2, 3, [RegistryRecord.Registered("a"), RegistryRecord.Connected("a", "127.0.0.1", 1, 2)]));
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var flipped = bytes.ToArray();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(RegistrySnapshotCodec.TryDecode(flipped, out _, out _), $"bit {bit}");
        }
    }

    [Fact]
    public void Bytes_after_the_trailer_and_another_version_are_refused()
    {
        var bytes = Encode(Sample);
        Assert.False(RegistrySnapshotCodec.TryDecode([.. bytes, 0], out _, out var after));
        Assert.Contains("after the trailer", after, StringComparison.Ordinal);

        bytes[6] = 2;
        Assert.False(RegistrySnapshotCodec.TryDecode(bytes, out _, out var version));
        Assert.Contains("version 2", version, StringComparison.Ordinal);
    }

    private static byte[] Encode(RegistrySnapshot snapshot)
    {
        var output = new ArrayBufferWriter<byte>();
        RegistrySnapshotCodec.Encode(snapshot, output);
        return output.WrittenSpan.ToArray();
    }
}
