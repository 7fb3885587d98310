using System.Buffers;
using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.DirectoryServer.Tests.Durable;

/// <summary>The journal's frame: byte-exact, and never an exception on bytes it did not write.</summary>
public sealed class RegistryRecordCodecTests
{
    public static TheoryData<RegistryRecord> EveryKind => Records.EveryKind;

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_kind_round_trips(RegistryRecord record)
    {
        var bytes = Records.Encode(record);

        Assert.Equal(bytes.Length, RegistryRecordCodec.GetFrameLength(record));
        Assert.Equal(RegistryDecodeStatus.Ok, RegistryRecordCodec.TryDecode(bytes, out var decoded, out var consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(record, decoded);
    }

    [Fact]
    public void A_decoded_password_verifies_like_the_original()
    {
        var hash = P2PSim.DirectoryServer.Accounts.PasswordHash.Create("secret", 10);
        var bytes = Records.Encode(RegistryRecord.AccountCreated("bob", hash, 1));

        RegistryRecordCodec.TryDecode(bytes, out var decoded, out _);

        Assert.True(decoded.Password!.Matches("secret"));
        Assert.False(decoded.Password.Matches("Secret"));
    }

    [Fact]
    public void Registered_has_these_golden_bytes()
    {
        // u32 payload length 8 | u32 CRC-32 0x1A1CBB0A of the payload | kind 1 | u16 5 | "alice"
        byte[] golden = [0x08, 0, 0, 0, 0x0A, 0xBB, 0x1C, 0x1A, 0x01, 0x05, 0x00, .. "alice"u8];

        Assert.Equal(golden, Records.Encode(RegistryRecord.Registered("alice")));
    }

    [Fact]
    public void Connected_lays_out_its_fields_in_order()
    {
        var payload = Records.Encode(RegistryRecord.Connected("b", "ip", 0x01020304, 0x0A0B0C0D0E0F1011)).AsSpan(8).ToArray();

        byte[] expected = [4, 1, 0, (byte)'b', 2, 0, (byte)'i', (byte)'p', 4, 3, 2, 1, 0x11, 0x10, 0x0F, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A];
        Assert.Equal(expected, payload);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_truncation_of_a_frame_is_incomplete(RegistryRecord record)
    {
        var bytes = Records.Encode(record);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Equal(RegistryDecodeStatus.Incomplete, RegistryRecordCodec.TryDecode(bytes.AsSpan(0, length), out _, out var consumed));
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void A_frame_followed_by_more_bytes_consumes_only_itself()
    {
        var bytes = Records.Encode(RegistryRecord.Registered("a"), RegistryRecord.Orphaned("b"));

        Assert.Equal(RegistryDecodeStatus.Ok, RegistryRecordCodec.TryDecode(bytes, out var first, out var consumed));
        Assert.Equal(RegistryRecord.Registered("a"), first);
        Assert.Equal(RegistryRecord.Orphaned("b"), Records.DecodeAll(bytes[consumed..]).Single());
    }

    [Fact]
    public void Bit_flips_are_corrupt_or_still_a_frame_but_never_an_exception()
    {
        var random = new Random(20261207);
        var samples = Records.All.Select(r => Records.Encode(r)).Where(b => b.Length < 2000).ToArray();
        var corrupt = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = samples[i % samples.Length].ToArray();
            var flips = 1 + random.Next(3);
            var lengthTouched = false;
            for (var f = 0; f < flips; f++)
            {
                var at = random.Next(bytes.Length);
                lengthTouched |= at < 4;
                bytes[at] ^= (byte)(1 << random.Next(8));
            }

            var status = RegistryRecordCodec.TryDecode(bytes, out _, out var consumed);
            if (status == RegistryDecodeStatus.Corrupt)
            {
                corrupt++;
            }
            else if (status == RegistryDecodeStatus.Incomplete)
            {
                Assert.True(lengthTouched, "only a longer length makes a whole frame look incomplete");
            }
            else
            {
                Assert.InRange(consumed, RegistryRecordCodec.HeaderLength + 1, bytes.Length);
            }
        }

        Assert.True(corrupt > 3_000, $"only {corrupt} of 5000 flipped frames were corrupt");
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = new byte[random.Next(64)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length >= 8)
            {
                // A plausible length, so the CRC and the payload parser are reached too.
                bytes[0] = (byte)(bytes.Length - 8);
                bytes[1] = bytes[2] = bytes[3] = 0;
            }

            _ = RegistryRecordCodec.TryDecode(bytes, out _, out _);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x01, 0x00, 0x10, 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })]
    public void A_zero_or_huge_length_is_corrupt_at_once(byte[] header)
    {
        Assert.Equal(RegistryDecodeStatus.Corrupt, RegistryRecordCodec.TryDecode(header, out _, out _));
    }

    [Fact]
    public void Payloads_that_pass_the_crc_but_are_no_record_are_corrupt()
    {
        Assert.Equal(RegistryDecodeStatus.Corrupt, Decode([9, 0, 0]));                        // unknown kind
        Assert.Equal(RegistryDecodeStatus.Corrupt, Decode([1, 6, 0, .. "alice"u8]));          // string overruns
        Assert.Equal(RegistryDecodeStatus.Corrupt, Decode([1, 5, 0, .. "alice"u8, 0]));       // byte left over
        Assert.Equal(RegistryDecodeStatus.Corrupt, Decode([1, 2, 0, 0xC3, 0x28]));            // invalid UTF-8
        Assert.Equal(RegistryDecodeStatus.Corrupt, Decode([2, 1, 0, (byte)'b', 0, 0, 0, 0, .. new byte[56]])); // 0 iterations
        Assert.Equal(RegistryDecodeStatus.Ok, Decode([1, 2, 0, 0xC3, 0xA9]));                 // "é"

        static RegistryDecodeStatus Decode(byte[] payload)
        {
            byte[] frame = [.. BitConverter.GetBytes((uint)payload.Length), .. BitConverter.GetBytes(System.IO.Hashing.Crc32.HashToUInt32(payload)), .. payload];
            return RegistryRecordCodec.TryDecode(frame, out _, out _);
        }
    }

    [Fact]
    public void A_record_that_cannot_be_encoded_writes_nothing()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<ArgumentException>(() => RegistryRecordCodec.Encode(RegistryRecord.Registered(new string('x', 65_536)), output));
        Assert.Throws<ArgumentException>(() => RegistryRecordCodec.Encode(RegistryRecord.Registered("\uD800"), output));
        Assert.Throws<ArgumentException>(() => RegistryRecordCodec.Encode(default, output));
        Assert.Throws<ArgumentException>(() => RegistryRecordCodec.Encode(new RegistryRecord(RegistryRecordKind.AccountCreated, "bob"), output));
        Assert.Equal(0, output.WrittenCount);
    }
}
