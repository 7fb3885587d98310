using System.Buffers.Binary;
using System.Net;

namespace P2PSim.Transport.Tests.Capture;

/// <summary>
/// Reads back what <see cref="P2PSim.Transport.Capture.PcapngWriter"/> writes, independently of it: the blocks by
/// type, the packets of enhanced packet blocks with their timestamps, and the IPv4/TCP fields the tests check.
/// </summary>
internal static class PcapngReader
{
    public static List<(uint Type, byte[] Body)> Blocks(byte[] file)
    {
        var blocks = new List<(uint, byte[])>();
        var offset = 0;
        while (offset < file.Length)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            Assert.Equal(0, length % 4);
            Assert.Equal((uint)length, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + length - 4)));
            blocks.Add((type, file.AsSpan(offset + 8, length - 12).ToArray()));
            offset += length;
        }

        Assert.Equal(file.Length, offset);
        return blocks;
    }

    public static List<Packet> Packets(byte[] file) =>
    [
        .. Blocks(file).Where(b => b.Type == 6).Select(b =>
        {
            var body = b.Body;
            var micros = ((long)BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(4)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(8));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(12));
            return Packet.Parse(micros, body.AsSpan(20, length));
        }),
    ];

    internal sealed record Packet(long Micros, IPAddress Source, int SourcePort, IPAddress Destination, int DestinationPort, uint Sequence, uint Acknowledgment, byte Flags, byte[] Payload)
    {
        public static Packet Parse(long micros, ReadOnlySpan<byte> ip)
        {
            Assert.Equal(0x45, ip[0]);
            Assert.Equal(ip.Length, BinaryPrimitives.ReadUInt16BigEndian(ip[2..]));
            Assert.Equal(6, ip[9]);
            Assert.Equal(0xFFFFu, OnesComplementSum(ip[..20], 0)); // a valid header checksum sums to all ones
            var tcp = ip[20..];
            var pseudo = OnesComplementSum(ip.Slice(12, 8), 0) + 6u + (uint)tcp.Length;
            Assert.Equal(0xFFFFu, OnesComplementSum(tcp, pseudo));
            return new Packet(
                micros,
                new IPAddress(ip.Slice(12, 4)),
                BinaryPrimitives.ReadUInt16BigEndian(tcp),
                new IPAddress(ip.Slice(16, 4)),
                BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]),
                BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]),
                BinaryPrimitives.ReadUInt32BigEndian(tcp[8..]),
                tcp[13],
                tcp[20..].ToArray());
        }

        private static uint OnesComplementSum(ReadOnlySpan<byte> data, uint initial)
        {
            var sum = initial;
            for (var i = 0; i < data.Length; i += 2)
            {
                sum += i + 1 < data.Length ? BinaryPrimitives.ReadUInt16BigEndian(data[i..]) : (uint)data[i] << 8;
            }

            while (sum >> 16 != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return sum;
        }
    }
}
