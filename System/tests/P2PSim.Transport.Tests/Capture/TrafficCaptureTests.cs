using System.Net;
using System.Text;
using P2PSim.Transport.Capture;
using P2PSim.Transport.InMemory;

namespace P2PSim.Transport.Tests.Capture;

/// <summary>
/// The pcapng a capture writes (docs/wireshark.md): the blocks readers expect; per connection a handshake, each byte
/// once in order even when both ends report it, a FIN per side or one RST; names for hosts that are not IPv4
/// literals; timestamps from the given clock; segments no larger than an IPv4 datagram allows.
/// </summary>
public sealed class TrafficCaptureTests
{
    private const byte Fin = 0x01;
    private const byte Syn = 0x02;
    private const byte Rst = 0x04;

    [Fact]
    public void The_file_starts_with_a_section_header_and_one_raw_ip_interface()
    {
        using var output = new MemoryStream();
        _ = new PcapngWriter(output);
        var blocks = PcapngReader.Blocks(output.ToArray());

        Assert.Equal([0x0A0D0D0Au, 1u], blocks.Select(b => b.Type));
        Assert.Equal([0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0], blocks[0].Body[..8]); // byte-order magic, version 1.0
        Assert.Equal([101, 0], blocks[1].Body[..2]); // LINKTYPE_RAW
    }

    [Fact]
    public async Task Both_ends_captured_record_each_byte_once_with_a_handshake_and_a_fin_per_side()
    {
        using var output = new MemoryStream();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero));
        var network = new InMemoryNetwork { Capture = new TrafficCapture(output, clock) };
        var serverSide = network.CreateTransport();
        var clientSide = network.CreateTransport("10.9.9.9");
        await using var listener = await serverSide.BindAsync(new TransportEndPoint("127.0.0.1", 0));
        var request = Encoding.ASCII.GetBytes("REGISTER\0alice\0");
        var reply = new byte[100_000]; // larger than one IPv4 datagram
        Random.Shared.NextBytes(reply);

        await using (var client = await clientSide.ConnectAsync(listener.LocalEndPoint))
        {
            await using var server = (await listener.AcceptAsync())!;
            await client.Stream.WriteAsync(request);
            clock.Advance(TimeSpan.FromMilliseconds(5));
            var received = new byte[request.Length];
            await server.Stream.ReadExactlyAsync(received); // reported again by the reading end
            await server.Stream.WriteAsync(reply);
            var echoed = new byte[reply.Length];
            await client.Stream.ReadExactlyAsync(echoed);
            server.ShutdownOutput();
            Assert.Equal(0, await client.Stream.ReadAsync(new byte[1]));
        }

        var packets = PcapngReader.Packets(output.ToArray());
        var clientAddress = IPAddress.Parse("10.9.9.9");
        Assert.Equal([Syn, Syn | 0x10, 0x10], packets.Take(3).Select(p => p.Flags));
        Assert.Equal(request, Payload(packets, clientAddress));
        Assert.Equal(reply, Payload(packets, IPAddress.Loopback));
        Assert.All(packets, p => Assert.True(p.Payload.Length <= 65495));
        Assert.Equal(2, packets.Count(p => (p.Flags & Fin) != 0));
        Assert.DoesNotContain(packets, p => (p.Flags & Rst) != 0);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero), DateTimeOffset.UnixEpoch.AddTicks(packets[0].Micros * 10));
        Assert.True(packets[^1].Micros - packets[0].Micros == 5000, "the reply was stamped 5 ms after the request, as the clock moved");

        // Sequence numbers follow the bytes: each data segment starts where the last one of its direction ended.
        foreach (var source in new[] { clientAddress, IPAddress.Loopback })
        {
            var next = 1u;
            foreach (var segment in packets.Where(p => p.Source.Equals(source) && p.Payload.Length > 0))
            {
                Assert.Equal(next, segment.Sequence);
                next += (uint)segment.Payload.Length;
            }
        }
    }

    [Fact]
    public async Task An_abort_is_one_reset_and_host_names_get_named_addresses()
    {
        using var output = new MemoryStream();
        var network = new InMemoryNetwork { Capture = new TrafficCapture(output) };
        await using var listener = await network.CreateTransport("directory").BindAsync(new TransportEndPoint("directory", 5000));
        var client = await network.CreateTransport("peer1").ConnectAsync(listener.LocalEndPoint);
        await using var server = (await listener.AcceptAsync())!;
        client.Abort();
        await Assert.ThrowsAnyAsync<IOException>(async () => Assert.Equal(-1, await server.Stream.ReadAsync(new byte[1]))); // a reset, not an end of stream
        await client.DisposeAsync();

        var file = output.ToArray();
        var packets = PcapngReader.Packets(file);
        Assert.Equal(1, packets.Count(p => (p.Flags & Rst) != 0));
        Assert.Equal(0, packets.Count(p => (p.Flags & Fin) != 0));
        var names = PcapngReader.Blocks(file).Where(b => b.Type == 4).Select(b => Encoding.UTF8.GetString(b.Body, 8, b.Body.Length - 8).TrimEnd('\0')).ToArray();
        Assert.Equal(["directory", "peer1"], names.Order());
        Assert.Equal([IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2")], packets.Select(p => p.Source).Distinct().Order(Comparer<IPAddress>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()))));
    }

    private static byte[] Payload(IEnumerable<PcapngReader.Packet> packets, IPAddress source) =>
        [.. packets.Where(p => p.Source.Equals(source)).SelectMany(p => p.Payload)];
}
