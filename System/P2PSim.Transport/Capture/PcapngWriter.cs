using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace P2PSim.Transport.Capture;

/// <summary>
/// Writes a pcapng file (the IETF draft "PCAP Next Generation Dump File Format", as Wireshark and tcpdump read it):
/// one section, one interface of raw IP packets (LINKTYPE_RAW), name-resolution blocks for hosts known by name, and
/// an enhanced packet block per packet with a microsecond timestamp. Pure encoding, little-endian, no clock and no
/// randomness: the same calls give the same bytes.
/// </summary>
public sealed class PcapngWriter
{
    private const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint InterfaceDescriptionType = 1;
    private const uint NameResolutionType = 4;
    private const uint EnhancedPacketType = 6;
    private const ushort LinkTypeRaw = 101;

    private readonly Stream _output;

    /// <summary>Starts the file on <paramref name="output"/>: the section header and the one interface.</summary>
    public PcapngWriter(Stream output, string application = "P2PSim")
    {
        _output = output;
        var shb = new List<byte>();
        AddUInt32(shb, 0x1A2B3C4D); // byte-order magic
        AddUInt16(shb, 1);
        AddUInt16(shb, 0);
        AddUInt64(shb, ulong.MaxValue); // section length: not given
        AddOption(shb, 4, Encoding.UTF8.GetBytes(application)); // shb_userappl
        AddEndOfOptions(shb);
        WriteBlock(SectionHeaderType, shb);

        var idb = new List<byte>();
        AddUInt16(idb, LinkTypeRaw);
        AddUInt16(idb, 0);
        AddUInt32(idb, 0); // snap length: no limit
        AddOption(idb, 2, Encoding.UTF8.GetBytes("p2psim")); // if_name
        AddEndOfOptions(idb);
        WriteBlock(InterfaceDescriptionType, idb);
    }

    /// <summary>Names <paramref name="address"/> <paramref name="name"/> for readers (a name-resolution block).</summary>
    public void WriteName(IPAddress address, string name)
    {
        var record = new List<byte>(address.GetAddressBytes());
        record.AddRange(Encoding.UTF8.GetBytes(name));
        record.Add(0);
        var nrb = new List<byte>();
        AddUInt16(nrb, 1); // nrb_record_ipv4
        AddUInt16(nrb, (ushort)record.Count);
        nrb.AddRange(record);
        Pad(nrb);
        AddUInt32(nrb, 0); // nrb_record_end
        WriteBlock(NameResolutionType, nrb);
    }

    /// <summary>One raw IP packet seen at <paramref name="microsecondsSinceUnixEpoch"/>.</summary>
    public void WritePacket(long microsecondsSinceUnixEpoch, ReadOnlySpan<byte> packet)
    {
        var epb = new List<byte>(packet.Length + 24);
        AddUInt32(epb, 0); // interface 0
        AddUInt32(epb, (uint)((ulong)microsecondsSinceUnixEpoch >> 32));
        AddUInt32(epb, (uint)microsecondsSinceUnixEpoch);
        AddUInt32(epb, (uint)packet.Length);
        AddUInt32(epb, (uint)packet.Length);
        epb.AddRange(packet.ToArray());
        Pad(epb);
        WriteBlock(EnhancedPacketType, epb);
    }

    /// <summary>Writes what is buffered through to the file.</summary>
    public void Flush() => _output.Flush();

    private void WriteBlock(uint type, List<byte> body)
    {
        var total = (uint)(body.Count + 12);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, type);
        _output.Write(word);
        BinaryPrimitives.WriteUInt32LittleEndian(word, total);
        _output.Write(word);
        _output.Write(body.ToArray());
        _output.Write(word); // the length again, so readers can walk backwards
    }

    private static void AddOption(List<byte> block, ushort code, byte[] value)
    {
        AddUInt16(block, code);
        AddUInt16(block, (ushort)value.Length);
        block.AddRange(value);
        Pad(block);
    }

    private static void AddEndOfOptions(List<byte> block) => AddUInt32(block, 0);

    private static void Pad(List<byte> block)
    {
        while (block.Count % 4 != 0)
        {
            block.Add(0);
        }
    }

    private static void AddUInt16(List<byte> block, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        block.AddRange(bytes.ToArray());
    }

    private static void AddUInt32(List<byte> block, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        block.AddRange(bytes.ToArray());
    }

    private static void AddUInt64(List<byte> block, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        block.AddRange(bytes.ToArray());
    }
}
