using System.Buffers.Binary;
using System.Net;

namespace P2PSim.Transport.Capture;

/// <summary>
/// Builds the IPv4 (RFC 791) and TCP (RFC 9293) headers of a synthetic packet around a payload, checksums included,
/// so a capture of connections that never touched a real network stack reads as ordinary TCP.
/// </summary>
internal static class Ipv4TcpPacket
{
    /// <summary>The most payload one packet carries: an IPv4 datagram is at most 65,535 bytes, headers included.</summary>
    public const int MaxPayload = 65535 - HeaderLength;

    private const int IpHeaderLength = 20;
    private const int TcpHeaderLength = 20;
    private const int HeaderLength = IpHeaderLength + TcpHeaderLength;

    public static byte[] Build(
        IPAddress source, int sourcePort, IPAddress destination, int destinationPort, uint sequence, uint acknowledgment,
        TcpFlags flags, ushort identification, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[HeaderLength + payload.Length];
        var ip = packet.AsSpan(0, IpHeaderLength);
        ip[0] = 0x45; // version 4, 5 words of header
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)packet.Length);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], identification);
        ip[6] = 0x40; // don't fragment
        ip[8] = 64; // TTL
        ip[9] = 6; // TCP
        source.GetAddressBytes().CopyTo(ip[12..]);
        destination.GetAddressBytes().CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip, 0));

        var tcp = packet.AsSpan(IpHeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], (ushort)destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgment);
        tcp[12] = TcpHeaderLength / 4 << 4;
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535); // window
        payload.CopyTo(tcp[TcpHeaderLength..]);

        // The TCP checksum covers a pseudo-header: both addresses, the protocol and the segment's length.
        var pseudo = 0u;
        pseudo += Sum(ip.Slice(12, 8));
        pseudo += 6;
        pseudo += (uint)tcp.Length;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(tcp, pseudo));
        return packet;
    }

    private static ushort Checksum(ReadOnlySpan<byte> data, uint initial)
    {
        var sum = initial + Sum(data);
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static uint Sum(ReadOnlySpan<byte> data)
    {
        var sum = 0u;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            if (sum > 0x7FFF_FFFF)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        return sum;
    }
}
